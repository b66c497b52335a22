/**
 * Finding the answer statement `q5 = ...` in an answer cell's source, so a click replaces exactly that statement
 * (all its lines while brackets are open, its trailing comment kept) and nothing else.
 */

/** Where the statement's code lies in the source, and its right-hand side. */
export interface IStatement {
  start: number;
  end: number;
  value: string;
}

export type Search = { found: true; statement: IStatement } | { found: false; reason: 'none' | 'several' | 'unfinished' };

/** The single top-level statement assigning `variable`, or why there is none to write. */
export function findStatement(source: string, variable: string): Search {
  const assigning = new RegExp(`^${variable}\\s*=(?!=)`);
  const matches = splitStatements(source).filter(
    part => !part.indented && assigning.test(source.slice(part.start, part.end))
  );
  if (matches.length !== 1) {
    return { found: false, reason: matches.length ? 'several' : 'none' };
  }
  const [part] = matches;
  if (part.unfinished) {
    return { found: false, reason: 'unfinished' };
  }
  const code = source.slice(part.start, part.end);
  const value = code.replace(assigning, '').trim();
  return { found: true, statement: { start: part.start, end: part.end, value } };
}

/** Replace the statement's code with `line`; the rest of the cell stays as it was. */
export function replaceStatement(source: string, statement: IStatement, line: string): string {
  return source.slice(0, statement.start) + line + source.slice(statement.end);
}

/**
 * Top-level statements as [start, end) spans of code (comments and trailing blanks left out). A statement starts
 * at column 0 or after a `;`, and runs on while a bracket or string is open or a line ends with a backslash.
 * A statement on a `;` line is kept apart so that a line holding two statements counts as two. A statement whose
 * string or bracket is still open at the end of the cell is unfinished: replacing it could swallow the lines below.
 */
interface IPart {
  start: number;
  end: number;
  indented: boolean;
  unfinished?: boolean;
}

function splitStatements(source: string): IPart[] {
  const parts: IPart[] = [];
  let start = -1;
  let end = -1;
  let indented = false;
  let depth = 0;
  let quote = '';
  let lineBegin = 0;
  const close = () => {
    if (start !== -1) {
      parts.push({ start, end, indented });
    }
    start = -1;
  };
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (quote) {
      if (char === '\\') {
        i++;
      } else if (source.startsWith(quote, i)) {
        i += quote.length - 1;
        quote = '';
      }
      end = i + 1;
      continue;
    }
    if (char === '#') {
      while (i + 1 < source.length && source[i + 1] !== '\n') {
        i++;
      }
      continue;
    }
    if (char === '\n') {
      if (depth === 0 && source[end - 1] !== '\\') {
        close();
      }
      lineBegin = i + 1;
      continue;
    }
    if (/\s/.test(char)) {
      continue;
    }
    if (start === -1) {
      start = i;
      // Indented code belongs to a block (if, for, def): not a top-level answer statement.
      indented = i > lineBegin && source.slice(lineBegin, i).trim() === '';
    }
    if (char === ';' && depth === 0) {
      close();
      continue;
    }
    if (char === '"' || char === "'") {
      quote = source.startsWith(char.repeat(3), i) ? char.repeat(3) : char;
      i += quote.length - 1;
    } else if ('([{'.includes(char)) {
      depth++;
    } else if (')]}'.includes(char)) {
      depth = Math.max(0, depth - 1);
    }
    end = i + 1;
  }
  const unfinished = quote !== '' || depth > 0;
  close();
  if (unfinished) {
    parts[parts.length - 1].unfinished = true;
  }
  return parts;
}
