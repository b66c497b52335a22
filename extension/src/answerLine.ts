/**
 * The answer line: writing `q5 = {"A", "C"}` from a form's answer, and reading back what a person typed.
 *
 * Reading is deliberately forgiving about form ("a c", "(b)", smart quotes, 0,74, 74 %) but not about meaning:
 * a set where an order is asked, or a letter outside the options, cannot be shown. The course's Python normaliser,
 * not this reader, decides the grade; this one only decides what the buttons can show.
 */
import { Answer, IQuizItem, slotCount } from './item';

/** The whole statement for an answer, e.g. `q13 = {1: "B", 2: ""}`. */
export function formatLine(item: IQuizItem, answer: Answer): string {
  return `${item.variable} = ${formatValue(item, answer)}`;
}

function formatValue(item: IQuizItem, answer: Answer): string {
  if (item.kind === 'numeric') {
    return typeof answer === 'number' ? String(answer) : 'None';
  }
  const letters = Array.isArray(answer) ? answer : [];
  const quoted = (letter: string) => `"${letter}"`;
  switch (item.kind) {
    case 'single':
      return quoted(letters[0] ?? '');
    case 'multiple':
      return letters.length ? `{${[...letters].sort().map(quoted).join(', ')}}` : '""';
    case 'matching':
      return `{${letters.map((letter, i) => `${i + 1}: ${quoted(letter)}`).join(', ')}}`;
    case 'ordering':
      return `[${letters.map(quoted).join(', ')}]`;
  }
}

/** A typed value the reader understood, or why not. */
export type Reading = { ok: true; answer: Answer } | { ok: false };

const UNREADABLE: Reading = { ok: false };

/** Read the right-hand side of a typed answer statement as an answer of the item's kind. */
export function readAnswer(item: IQuizItem, text: string): Reading {
  if (item.kind === 'numeric') {
    const value = readNumber(text, item.unit === 'proportion');
    return value === undefined ? UNREADABLE : { ok: true, answer: value };
  }
  const value = parseLiteral(text);
  if (value === undefined) {
    return UNREADABLE;
  }
  const letters = lettersOf(item, value);
  return letters === undefined ? UNREADABLE : { ok: true, answer: letters };
}

/**
 * A number as typed in the number field or in the cell: `0.74`, `0,74`, `"0.74"`, `74%` (a proportion only),
 * `None` or nothing for no answer. Undefined when it is not a number.
 */
export function readNumber(text: string, proportion: boolean): number | null | undefined {
  const bare = text.trim().replace(/^["'“”‘’]\s*(.*?)\s*["'“”‘’]$/s, '$1');
  if (bare === '' || bare === 'None') {
    return null;
  }
  const match = /^([+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:e[+-]?\d+)?)\s*(%?)$/i.exec(bare);
  if (!match) {
    return undefined;
  }
  const value = Number(match[1].replace(',', '.'));
  if (!Number.isFinite(value) || (match[2] && !proportion)) {
    return undefined;
  }
  return match[2] ? Number((value / 100).toPrecision(12)) : value;
}

/** The letters of a parsed value for the item's kind, or undefined when they cannot be shown. */
function lettersOf(item: IQuizItem, value: Literal): string[] | undefined {
  const options = item.options ?? '';
  const known = (letters: string[]) => letters.every(letter => letter === '' || options.includes(letter));
  const slots = slotCount(item);
  let letters: string[] | undefined;
  switch (item.kind) {
    case 'single':
      letters = typeof value === 'string' ? splitLetters(value) : undefined;
      return letters && letters.length <= 1 && known(letters) ? letters : undefined;
    case 'multiple':
      letters = typeof value === 'string' ? splitLetters(value) : sequenceLetters(value, true);
      return letters && known(letters) ? [...new Set(letters)].sort() : undefined;
    case 'ordering':
      letters = typeof value === 'string' ? splitLetters(value) : sequenceLetters(value, false);
      if (!letters || letters.length > slots || !known(letters)) {
        return undefined;
      }
      return [...letters, ...new Array<string>(slots - letters.length).fill('')];
    case 'matching':
      return matchingLetters(value, slots, known);
    default:
      return undefined;
  }
}

/** "A, C", "a c", "(b)", "C A D B", "ACE" → letters in capitals; '' → none; undefined for other words. */
function splitLetters(text: string): string[] | undefined {
  const words = text.toUpperCase().replace(/[()[\]{}.]/g, ' ').split(/[\s,;/+&]+|\bAND\b/).filter(Boolean);
  if (words.length === 1 && /^[A-Z]+$/.test(words[0])) {
    return [...words[0]];
  }
  return words.every(word => /^[A-Z]$/.test(word)) ? words : undefined;
}

/** ["C", "A"], ("C", "A") and (for multiple) {"A", "C"}: one letter or '' per element. */
function sequenceLetters(value: Literal, setAllowed: boolean): string[] | undefined {
  if (!(value instanceof Sequence) || (value.kind === 'set' && !setAllowed)) {
    return undefined;
  }
  const letters = value.items.map(element => (typeof element === 'string' ? splitLetters(element) : undefined));
  if (letters.some(one => one === undefined || one.length > 1)) {
    return undefined;
  }
  return letters.map(one => (one as string[])[0] ?? '');
}

/** {1: "B", 2: "A"}: item numbers 1..n, each with one letter or ''; missing items unchosen. */
function matchingLetters(value: Literal, slots: number, known: (letters: string[]) => boolean): string[] | undefined {
  if (!(value instanceof Mapping)) {
    return undefined;
  }
  const letters = new Array<string>(slots).fill('');
  for (const [key, element] of value.entries) {
    const letter = typeof element === 'string' ? splitLetters(element) : undefined;
    if (typeof key !== 'number' || !Number.isInteger(key) || key < 1 || key > slots || !letter || letter.length > 1) {
      return undefined;
    }
    letters[key - 1] = letter[0] ?? '';
  }
  return known(letters) ? letters : undefined;
}

// A Python literal, as far as answer lines need: strings, numbers, None, tuples, lists, sets and dicts.
type Literal = string | number | null | Sequence | Mapping;

class Sequence {
  constructor(
    readonly kind: 'list' | 'tuple' | 'set',
    readonly items: Literal[]
  ) {}
}

class Mapping {
  constructor(readonly entries: [Literal, Literal][]) {}
}

const CLOSING: Record<string, string> = { '"': '"', "'": "'", '“': '”', '”': '”', '‘': '’', '’': '’' };

/** Parse a Python literal (smart quotes allowed); undefined for anything else. */
export function parseLiteral(text: string): Literal | undefined {
  const tokens = tokenize(text);
  if (!tokens) {
    return undefined;
  }
  let at = 0;
  const peek = () => tokens[at];
  const take = () => tokens[at++];

  function element(): Literal | undefined {
    const token = take();
    if (token === undefined) {
      return undefined;
    }
    if (token.kind === 'value') {
      return token.value;
    }
    if (token.text === '(' || token.text === '[') {
      const close = token.text === '(' ? ')' : ']';
      const items = series(close);
      return items && new Sequence(close === ')' ? 'tuple' : 'list', items);
    }
    if (token.text === '{') {
      return braces();
    }
    return undefined;
  }

  function series(close: string): Literal[] | undefined {
    const items: Literal[] = [];
    while (peek()?.text !== close) {
      const item = element();
      if (item === undefined) {
        return undefined;
      }
      items.push(item);
      if (peek()?.text === ',') {
        take();
      } else if (peek()?.text !== close) {
        return undefined;
      }
    }
    take();
    return items;
  }

  function braces(): Literal | undefined {
    if (peek()?.text === '}') {
      take();
      return new Mapping([]);
    }
    const first = element();
    if (first === undefined) {
      return undefined;
    }
    if (peek()?.text !== ':') {
      if (peek()?.text === ',') {
        take();
      }
      const rest = series('}');
      return rest && new Sequence('set', [first, ...rest]);
    }
    const entries: [Literal, Literal][] = [];
    let key: Literal | undefined = first;
    for (;;) {
      if (key === undefined || take()?.text !== ':') {
        return undefined;
      }
      const value = element();
      if (value === undefined) {
        return undefined;
      }
      entries.push([key, value]);
      const next = take()?.text;
      if (next === '}') {
        return new Mapping(entries);
      }
      if (next !== ',') {
        return undefined;
      }
      if (peek()?.text === '}') {
        take();
        return new Mapping(entries);
      }
      key = element();
    }
  }

  const first = element();
  if (first === undefined) {
    return undefined;
  }
  if (at === tokens.length) {
    return first;
  }
  const items = [first];
  while (peek()?.text === ',') {
    take();
    if (at === tokens.length) {
      break;
    }
    const item = element();
    if (item === undefined) {
      return undefined;
    }
    items.push(item);
  }
  return at === tokens.length ? new Sequence('tuple', items) : undefined;
}

type Token = { kind: 'value'; value: Literal; text?: undefined } | { kind: 'mark'; text: string };

function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (/\s/.test(char)) {
      i++;
    } else if ('()[]{},:'.includes(char)) {
      tokens.push({ kind: 'mark', text: char });
      i++;
    } else if (char in CLOSING) {
      const end = text.indexOf(CLOSING[char], i + 1);
      const smartEnd = char === '"' || char === "'" ? -1 : text.slice(i + 1).search(/["“”]|['‘’]/);
      const stop = end !== -1 ? end : smartEnd === -1 ? -1 : i + 1 + smartEnd;
      if (stop === -1) {
        return undefined;
      }
      tokens.push({ kind: 'value', value: text.slice(i + 1, stop) });
      i = stop + 1;
    } else {
      const word = /^(?:None\b|[+-]?\d+(?:\.\d*)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i));
      if (!word) {
        return undefined;
      }
      tokens.push({ kind: 'value', value: word[0] === 'None' ? null : Number(word[0]) });
      i += word[0].length;
    }
  }
  return tokens;
}
