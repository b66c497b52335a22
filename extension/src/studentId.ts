/**
 * The student ID item of a quiz with per-student variants: a `quiz_item` of kind "text" on the setup cell, answered
 * in its own answer cell by one line `student_id = "..."`. Writing the line escapes what the student typed so it
 * stays valid Python; reading it back gives the text the box shows.
 */

export interface ITextItem {
  kind: 'text';
  variable: string;
  answer_cell: string;
  question: string;
}

/** The text item described by a cell's metadata, or null when the metadata is not one. */
export function readTextItem(value: unknown): ITextItem | null {
  if (typeof value !== 'object' || value === null) {
    return null;
  }
  const item = value as ITextItem;
  if (item.kind !== 'text' || typeof item.variable !== 'string' || !/^[A-Za-z_]\w*$/.test(item.variable)) {
    return null;
  }
  if (typeof item.answer_cell !== 'string' || item.answer_cell === '') {
    return null;
  }
  return { ...item, question: typeof item.question === 'string' && item.question ? item.question : 'Your answer' };
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `student_id = "typed"`: the text trimmed, backslashes, quotes and line breaks escaped. */
export function formatTextLine(variable: string, text: string): string {
  const escaped = text.trim().replace(/[\\"\n\r\t]|[\u0000-\u001f\u007f]/g, char => {
    return ESCAPES[char] ?? `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
  return `${variable} = "${escaped}"`;
}

const UNESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', '"': '"', "'": "'" };

/**
 * The text of a typed right-hand side that is one Python string literal ("...", '...', smart quotes kept as a
 * person may type them), with its escapes read; undefined for anything else (a number, two strings, an open quote).
 */
export function readTextValue(value: string): string | undefined {
  const match = /^([rR]?)(["'“”‘’])(.*)(["'“”‘’])$/s.exec(value.trim());
  if (!match) {
    return undefined;
  }
  const [, raw, open, body, close] = match;
  const straight = open === '"' || open === "'";
  if (straight ? close !== open : close === '"' || close === "'") {
    return undefined;
  }
  let text = '';
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (char === '\\' && !raw) {
      const next = body[i + 1];
      if (next === undefined) {
        return undefined;
      }
      const hex = /^x([0-9a-fA-F]{2})/.exec(body.slice(i + 1));
      if (hex) {
        text += String.fromCharCode(parseInt(hex[1], 16));
        i += 3;
      } else {
        text += UNESCAPES[next] ?? `\\${next}`;
        i++;
      }
    } else if (straight && char === open) {
      return undefined; // a quote that closes the string early: two strings, or an unfinished line
    } else {
      text += char;
    }
  }
  return text;
}
