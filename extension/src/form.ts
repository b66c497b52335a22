/**
 * The form under an answer cell: native controls for the item's kind inside a fieldset, and one live region that
 * says whether the answer is saved. It knows nothing of cells: it reports a chosen answer through `onAnswer` and
 * shows what it is given through `show`.
 */
import { Widget } from '@lumino/widgets';

import { readNumber } from './answerLine';
import { Answer, IQuizItem, emptyAnswer, slotCount } from './item';

let formCount = 0;

export class QuizForm extends Widget {
  constructor(
    readonly item: IQuizItem,
    private readonly onAnswer: (answer: Answer) => void
  ) {
    super();
    this.addClass('cq-form');
    this.id = `cq-form-${++formCount}`;
    const fieldset = document.createElement('fieldset');
    const legend = document.createElement('legend');
    legend.textContent = `${item.question}: your answer`;
    fieldset.append(legend, this.help(), this.controls());
    this.status = document.createElement('p');
    this.status.className = 'cq-status';
    this.status.setAttribute('role', 'status');
    this.status.setAttribute('aria-live', 'polite');
    const clear = document.createElement('button');
    clear.type = 'button';
    clear.className = 'cq-clear';
    clear.textContent = 'Clear my answer';
    clear.addEventListener('click', () => this.choose(emptyAnswer(item)));
    fieldset.append(clear, this.status);
    this.node.appendChild(fieldset);
  }

  /** Show an answer in the controls (null: the typed answer cannot be shown, so the controls are cleared). */
  showAnswer(answer: Answer | undefined): void {
    const value = answer === undefined ? emptyAnswer(this.item) : answer;
    if (this.item.kind === 'numeric') {
      if (document.activeElement !== this.number) {
        this.number!.value = typeof value === 'number' ? String(value) : '';
      }
      return;
    }
    const letters = Array.isArray(value) ? value : [];
    if (this.item.kind === 'single' || this.item.kind === 'multiple') {
      for (const box of this.boxes) {
        box.checked = letters.includes(box.value);
      }
    } else {
      this.selects.forEach((select, i) => (select.value = letters[i] ?? ''));
    }
  }

  /** Set the text of the live region; unchanged text is not rewritten, so nothing is announced twice. */
  say(text: string): void {
    if (this.status.textContent !== text) {
      this.status.textContent = text;
    }
  }

  private choose(answer: Answer): void {
    this.showAnswer(answer);
    this.onAnswer(answer);
  }

  /** The answer the controls hold now (numeric: undefined when the field cannot be read as a number). */
  private current(): Answer | undefined {
    switch (this.item.kind) {
      case 'numeric':
        return readNumber(this.number!.value, this.item.unit === 'proportion');
      case 'single':
      case 'multiple':
        return this.boxes.filter(box => box.checked).map(box => box.value);
      default:
        return this.selects.map(select => select.value);
    }
  }

  private commit(): void {
    const answer = this.current();
    if (answer === undefined) {
      this.say(
        `“${this.number!.value.trim()}” is not a number this form can read, so your answer line was left as it ` +
          'was. Type digits with a dot or a comma, such as 0.74 or 0,74.'
      );
      return;
    }
    this.onAnswer(answer);
  }

  private help(): HTMLElement {
    const help = document.createElement('p');
    help.className = 'cq-help';
    help.id = `${this.id}-help`;
    const item = this.item;
    const parts: Record<string, string> = {
      single: 'Choose one answer.',
      multiple: 'Tick every answer that applies.',
      matching: `For each ${(item.item_noun ?? 'item').toLowerCase()}, choose the matching letter.`,
      ordering: 'Choose which letter comes at each position, first to last.',
      numeric: this.numericHelp()
    };
    help.textContent =
      parts[item.kind] +
      ' Your choice is written into the answer cell above and the notebook is saved; no cell needs to be run.' +
      (item.example ? ' This example is not scored.' : '');
    return help;
  }

  private numericHelp(): string {
    const { tolerance, range, unit } = this.item;
    const sentences = ['Type a number, such as 0.74 (0,74 with a comma works too).'];
    if (unit === 'proportion') {
      sentences.push('A percentage such as 74% is read as 0.74.');
    }
    if (tolerance !== undefined) {
      sentences.push(`Answers within ±${tolerance} of the right value count.`);
    }
    if (range) {
      sentences.push(`The answer lies between ${range[0]} and ${range[1]}.`);
    }
    return sentences.join(' ');
  }

  private controls(): HTMLElement {
    const box = document.createElement('div');
    box.className = 'cq-controls';
    const item = this.item;
    const letters = [...(item.options ?? '')];
    if (item.kind === 'single' || item.kind === 'multiple') {
      const type = item.kind === 'single' ? 'radio' : 'checkbox';
      for (const letter of letters) {
        const input = document.createElement('input');
        input.type = type;
        input.name = `${this.id}-choice`;
        input.value = letter;
        input.addEventListener('change', () => this.commit());
        this.boxes.push(input);
        box.appendChild(labelled(input, `${letter}: ${item.option_texts?.[letter] ?? ''}`.trim(), 'cq-choice'));
      }
    } else if (item.kind === 'matching' || item.kind === 'ordering') {
      for (let i = 0; i < slotCount(item); i++) {
        const select = document.createElement('select');
        select.appendChild(new Option('— choose —', ''));
        for (const letter of letters) {
          select.appendChild(new Option(`${letter}: ${item.option_texts?.[letter] ?? ''}`.trim(), letter));
        }
        select.addEventListener('change', () => this.commit());
        this.selects.push(select);
        const name =
          item.kind === 'matching'
            ? `${item.item_noun ?? 'Item'} ${i + 1}${item.item_texts?.[i] ? `: ${item.item_texts[i]}` : ''}`
            : `Position ${i + 1}`;
        box.appendChild(labelled(select, name, 'cq-slot'));
      }
    } else {
      const input = document.createElement('input');
      input.type = 'text';
      input.inputMode = 'decimal';
      input.autocomplete = 'off';
      input.setAttribute('aria-describedby', `${this.id}-help`);
      input.addEventListener('change', () => this.commit());
      input.addEventListener('keydown', event => {
        if (event.key === 'Enter') {
          event.preventDefault();
          this.commit();
        }
      });
      this.number = input;
      box.appendChild(labelled(input, 'Your answer', 'cq-number'));
    }
    return box;
  }

  private readonly status: HTMLElement;
  private readonly boxes: HTMLInputElement[] = [];
  private readonly selects: HTMLSelectElement[] = [];
  private number: HTMLInputElement | null = null;
}

/** A control inside its label, so the label is its accessible name and clicking the text works. */
function labelled(control: HTMLElement, text: string, className: string): HTMLLabelElement {
  const label = document.createElement('label');
  label.className = className;
  const span = document.createElement('span');
  span.textContent = text;
  label.append(control, span);
  return label;
}
