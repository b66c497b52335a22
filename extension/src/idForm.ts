/**
 * The student ID form under the ID's answer cell: one labelled text box that hands what was typed to `onText` on
 * Enter or when the focus leaves the box, and the same live region as the quiz forms. On a JupyterHub the course
 * already knows who the student is, so the box is replaced by a sentence saying so (see `hubSentence`).
 */
import { Widget } from '@lumino/widgets';

import { ITextItem } from './studentId';

let idFormCount = 0;

export const ID_LABEL = 'Your student ID';

export class StudentIdForm extends Widget {
  constructor(
    readonly item: ITextItem,
    private readonly onText: (text: string) => void
  ) {
    super();
    this.addClass('cq-form');
    this.addClass('cq-id-form');
    this.id = `cq-id-form-${++idFormCount}`;
    const fieldset = document.createElement('fieldset');
    const legend = document.createElement('legend');
    legend.textContent = 'Who this quiz is for';
    const label = document.createElement('label');
    label.className = 'cq-id';
    label.htmlFor = `${this.id}-box`;
    label.textContent = ID_LABEL;
    this.box = document.createElement('input');
    this.box.type = 'text';
    this.box.id = `${this.id}-box`;
    this.box.autocomplete = 'off';
    this.box.spellcheck = false;
    this.box.setAttribute('aria-describedby', `${this.id}-help`);
    this.box.addEventListener('keydown', event => {
      if (event.key === 'Enter') {
        event.preventDefault();
        this.commit();
      }
    });
    this.box.addEventListener('change', () => this.commit());
    const help = document.createElement('p');
    help.className = 'cq-help';
    help.id = `${this.id}-help`;
    help.textContent =
      'As your course or LMS knows you. Press Enter when it is typed: it is written into the answer cell above, ' +
      'the notebook is saved, and your own version of each question appears below.';
    this.status = document.createElement('p');
    this.status.className = 'cq-status';
    this.status.setAttribute('role', 'status');
    this.status.setAttribute('aria-live', 'polite');
    fieldset.append(legend, label, help, this.box, this.status);
    this.node.appendChild(fieldset);
  }

  /** Show the ID the answer line holds (left alone while the student is typing in the box). */
  showText(text: string): void {
    if (document.activeElement !== this.box) {
      this.box.value = text;
    }
    this.committed = text;
  }

  /** Set the text of the live region; unchanged text is not rewritten, so nothing is announced twice. */
  say(text: string): void {
    if (this.status.textContent !== text) {
      this.status.textContent = text;
    }
  }

  private commit(): void {
    const text = this.box.value.trim();
    if (text !== this.committed) {
      this.committed = text;
      this.onText(text);
    }
  }

  private readonly box: HTMLInputElement;
  private readonly status: HTMLElement;
  /** The text last written or shown, so Enter followed by leaving the box writes once. */
  private committed: string | undefined = undefined;
}

/** On a JupyterHub: who the quiz is for, in place of the box. */
export function hubSentence(user: string): string {
  return `You are signed in as ${user}: your version of the quiz is chosen from that name, nothing to type.`;
}
