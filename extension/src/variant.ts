/**
 * Per-student variants of a quiz item. A check cell whose `quiz_item` says `"variant": true` shows each student
 * their own order of options: its canonical `option_texts` are in the wrong order for this student and are never
 * shown. The student's version comes from the output of the item's show cell (nbgrader grade_id `qN_show`), which
 * the kernel writes as `application/vnd.course.quiz-variant+json`; until that output is there, the item has no form.
 */
import { IQuizItem } from './item';

export const VARIANT_MIME = 'application/vnd.course.quiz-variant+json';

/** The kernel's account of one student's version of an item (the letters are the student's letters). */
export interface IVariant {
  variable: string;
  student: string;
  signature?: string;
  options?: string;
  option_texts?: Record<string, string>;
  item_texts?: string[];
}

/** The grade_id of the cell whose output shows the student's version of `variable`. */
export function showCellId(variable: string): string {
  return `${variable}_show`;
}

/** One output of a cell, as far as this needs: its mime bundle. */
export interface IOutputLike {
  data?: unknown;
}

/** The last variant output about `variable` among a cell's outputs, or null when there is none (or it is garbled). */
export function readVariant(outputs: readonly IOutputLike[], variable: string): IVariant | null {
  for (let i = outputs.length - 1; i >= 0; i--) {
    const data = outputs[i].data as Record<string, unknown> | undefined;
    const value = data?.[VARIANT_MIME];
    if (isVariant(value) && value.variable === variable) {
      return value;
    }
  }
  return null;
}

function isVariant(value: unknown): value is IVariant {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const variant = value as IVariant;
  const strings = (record: unknown) =>
    typeof record === 'object' && record !== null && Object.values(record).every(text => typeof text === 'string');
  return (
    typeof variant.variable === 'string' &&
    typeof variant.student === 'string' &&
    (variant.options === undefined || (typeof variant.options === 'string' && /^[A-Z]*$/.test(variant.options))) &&
    (variant.option_texts === undefined || strings(variant.option_texts)) &&
    (variant.item_texts === undefined || (Array.isArray(variant.item_texts) && strings(variant.item_texts)))
  );
}

/**
 * The item as this student sees it: their option texts under their letters (and, for matching, their item texts),
 * never the canonical ones. Null while there is no version to show: no output yet, or one made before the quiz
 * knew the student (`student` is ""). An item that is not a variant is returned as it is.
 */
export function studentItem(item: IQuizItem, variant: IVariant | null): IQuizItem | null {
  if (!item.variant) {
    return item;
  }
  if (!variant || variant.student.trim() === '') {
    return null;
  }
  const own: IQuizItem = { ...item, option_texts: variant.option_texts ?? {} };
  delete own.item_texts;
  if (item.kind === 'numeric') {
    delete own.option_texts;
  } else if (variant.options && variant.options.length === (item.options ?? '').length) {
    own.options = variant.options;
  }
  if (item.kind === 'matching' && variant.item_texts) {
    own.item_texts = [...variant.item_texts];
  }
  return own;
}

/** What a variant item shows under its answer cell until the student's version is there. */
export function waitingNote(onHub: boolean): string {
  return onHub
    ? 'Your own version of this question appears once its cells have run (this happens by itself when the ' +
        'notebook is open and its kernel is ready).'
    : 'Your own version of this question appears once the quiz has your student ID and its cells have run. ' +
        'Type your ID in the box near the top of the quiz.';
}
