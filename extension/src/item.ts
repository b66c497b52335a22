/**
 * The quiz item as the quiz notebooks describe it in the `quiz_item` metadata of an nbgrader test cell,
 * and the answer a form holds. The metadata never holds a key.
 */

export type Kind = 'single' | 'multiple' | 'matching' | 'ordering' | 'numeric';

export interface IQuizItem {
  kind: Kind;
  variable: string;
  answer_cell: string;
  question: string;
  points?: number;
  options?: string;
  option_texts?: Record<string, string>;
  n_items?: number;
  item_noun?: string;
  item_texts?: string[];
  tolerance?: number;
  range?: [number, number];
  unit?: 'proportion' | 'number';
  example?: boolean;
  /** Options (and matching items) differ per student: the form takes them from the item's show cell (variant.ts). */
  variant?: boolean;
}

/**
 * What a form holds: the chosen letters (single, multiple), one letter or '' per slot (matching: per item,
 * ordering: per position), or a number or null (numeric).
 */
export type Answer = string[] | number | null;

const KINDS: readonly Kind[] = ['single', 'multiple', 'matching', 'ordering', 'numeric'];

/** The item described by a cell's metadata, or null when the metadata is not a usable quiz item. */
export function readQuizItem(value: unknown): IQuizItem | null {
  if (typeof value !== 'object' || value === null) {
    return null;
  }
  const item = value as IQuizItem;
  const named = typeof item.variable === 'string' && /^[A-Za-z_]\w*$/.test(item.variable);
  if (!KINDS.includes(item.kind) || !named || typeof item.answer_cell !== 'string') {
    return null;
  }
  if (item.kind !== 'numeric' && !(typeof item.options === 'string' && /^[A-Z]+$/.test(item.options))) {
    return null;
  }
  if ((item.kind === 'matching' || item.kind === 'ordering') && slotCount(item) < 1) {
    return null;
  }
  return item;
}

/** Matching: one slot per item; ordering: one per position (n_items, else one per option). */
export function slotCount(item: IQuizItem): number {
  if (item.kind === 'matching') {
    return item.n_items ?? 0;
  }
  return item.n_items ?? (item.options ?? '').length;
}

/** The answer of an untouched form. */
export function emptyAnswer(item: IQuizItem): Answer {
  if (item.kind === 'numeric') {
    return null;
  }
  if (item.kind === 'matching' || item.kind === 'ordering') {
    return new Array<string>(slotCount(item)).fill('');
  }
  return [];
}

export function isEmpty(answer: Answer): boolean {
  return answer === null || (Array.isArray(answer) && answer.every(letter => letter === ''));
}
