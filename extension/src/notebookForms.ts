/**
 * The quiz forms of one notebook: pairs each quiz item (an nbgrader test cell with `quiz_item` metadata) with its
 * answer cell by nbgrader grade_id, puts the form under that answer cell, writes the answer line on a click, saves
 * the notebook shortly after, and keeps every form's status and controls in step with the cell and the file.
 * Disposed with its notebook panel.
 */
import { Cell } from '@jupyterlab/cells';
import { NotebookPanel } from '@jupyterlab/notebook';
import { DisposableDelegate, DisposableSet, IDisposable } from '@lumino/disposable';
import { PanelLayout, Widget } from '@lumino/widgets';

import { formatLine, readAnswer } from './answerLine';
import { QuizForm } from './form';
import { Answer, IQuizItem, isEmpty, readQuizItem } from './item';
import { findStatement, replaceStatement } from './statement';

const SAVE_DELAY_MS = 400;

interface INbgrader {
  grade_id?: string;
  solution?: boolean;
  grade?: boolean;
  locked?: boolean;
}

/** What a form shows about its answer line besides the saved state. */
const LEFT_ALONE: Record<string, string> = {
  none:
    'The buttons cannot write your answer: the answer cell no longer has its line “{v} = …”. ' +
    'Type the line {v} = "" back into the cell, or choose Edit › Undo.',
  several:
    'The buttons leave the answer cell alone: it holds more than one line “{v} = …”. ' +
    'Keep only one, and the buttons will work again.',
  unfinished:
    'The buttons leave the answer cell alone: a quote or bracket in your line “{v} = …” is not closed. ' +
    'Close it, and the buttons will work again.',
  unreadable: 'Your typed answer is kept; the buttons cannot show it.'
};

class Attached {
  constructor(
    readonly form: QuizForm,
    readonly cell: Cell
  ) {}
  note = '';
  answered = false;
  /** The answer statement as the file on disk holds it, as far as this page knows. */
  savedText: string | undefined = undefined;
}

export class NotebookForms implements IDisposable {
  constructor(private readonly panel: NotebookPanel) {
    void panel.context.ready.then(() => {
      if (this.isDisposed) {
        return;
      }
      this.rescan();
      const cells = panel.content.model?.cells;
      cells?.changed.connect(this.rescanSoon, this);
      // What the file holds: the answer lines at the start of each save, kept once that save completes.
      let saving = new Map<Attached, string>();
      const onSaveState = (_: unknown, state: string) => {
        if (state === 'started') {
          saving = new Map([...this.forms.values()].map(attached => [attached, this.statementText(attached)]));
        } else if (state === 'completed') {
          saving.forEach((text, attached) => (attached.savedText = text));
        }
        this.refreshAll();
      };
      panel.context.saveState.connect(onSaveState);
      this.held.add(
        new DisposableDelegate(() => {
          cells?.changed.disconnect(this.rescanSoon, this);
          panel.context.saveState.disconnect(onSaveState);
        })
      );
    });
    const onPanelDisposed = () => this.dispose();
    panel.disposed.connect(onPanelDisposed);
    this.held.add(new DisposableDelegate(() => panel.disposed.disconnect(onPanelDisposed)));
    this.held.add(new DisposableDelegate(() => this.dropAll()));
  }

  get isDisposed(): boolean {
    return this.held.isDisposed;
  }

  /** Remove every form and note and stop listening to the notebook (done when the panel is disposed). */
  dispose(): void {
    this.held.dispose();
  }

  private rescanSoon(): void {
    if (this.rescanTimer === undefined) {
      this.rescanTimer = window.setTimeout(() => {
        this.rescanTimer = undefined;
        this.rescan();
      }, 0);
    }
  }

  /** Pair every quiz item with its answer cell and make sure each has its form (or its note) in place. */
  private rescan(): void {
    const cells = this.panel.content.widgets;
    const byGradeId = new Map<string, Cell[]>();
    for (const cell of cells) {
      const id = (cell.model.getMetadata('nbgrader') as INbgrader | undefined)?.grade_id;
      if (id) {
        byGradeId.set(id, [...(byGradeId.get(id) ?? []), cell]);
      }
    }
    const wanted = new Set<string>();
    for (const cell of cells) {
      const item = readQuizItem(cell.model.getMetadata('quiz_item'));
      if (!item) {
        continue;
      }
      wanted.add(item.variable);
      const answerCells = byGradeId.get(item.answer_cell) ?? [];
      if (answerCells.some(isInstructorSource)) {
        // The instructor's source version holds the key in the answer cell: a click must never overwrite it.
        this.dropForm(item.variable);
        this.dropNote(item.variable);
        continue;
      }
      const problem = pairingProblem(item, answerCells);
      if (problem) {
        this.dropForm(item.variable);
        this.showNote(item.variable, cell, problem);
      } else {
        this.dropNote(item.variable);
        this.ensureForm(item, answerCells[0]);
      }
    }
    for (const variable of [...this.forms.keys(), ...this.notes.keys()]) {
      if (!wanted.has(variable)) {
        this.dropForm(variable);
        this.dropNote(variable);
      }
    }
  }

  private ensureForm(item: IQuizItem, cell: Cell): void {
    const existing = this.forms.get(item.variable);
    if (existing && existing.cell === cell && !existing.form.isDisposed) {
      return;
    }
    this.dropForm(item.variable);
    const form = new QuizForm(item, answer => this.write(item.variable, answer));
    const attached = new Attached(form, cell);
    if (!this.panel.context.model.dirty) {
      attached.savedText = this.statementText(attached);
    }
    this.forms.set(item.variable, attached);
    const onSource = (_: unknown, change: { sourceChange?: unknown }) => {
      if (change.sourceChange) {
        this.sync(attached);
      }
    };
    cell.model.sharedModel.changed.connect(onSource);
    form.disposed.connect(() => cell.model.sharedModel.changed.disconnect(onSource));
    cell.disposed.connect(() => form.dispose());
    void cell.ready.then(() => {
      if (!form.isDisposed && !cell.isDisposed) {
        (cell.layout as PanelLayout).addWidget(form);
        this.sync(attached);
      }
    });
  }

  /** A click: replace the answer statement with the line for `answer`, then save soon. */
  private write(variable: string, answer: Answer): void {
    const attached = this.forms.get(variable);
    if (!attached) {
      return;
    }
    const { form, cell } = attached;
    const source = cell.model.sharedModel.getSource();
    const search = findStatement(source, variable);
    if (!search.found) {
      this.sync(attached);
      return;
    }
    const line = formatLine(form.item, answer);
    if (source.slice(search.statement.start, search.statement.end) !== line) {
      cell.model.sharedModel.setSource(replaceStatement(source, search.statement, line));
      this.saveSoon();
    }
    this.refresh(attached);
  }

  /** The cell's source changed (a click or typing): show its answer in the controls. */
  private sync(attached: Attached): void {
    const { form, cell } = attached;
    const search = findStatement(cell.model.sharedModel.getSource(), form.item.variable);
    if (!search.found) {
      attached.note = LEFT_ALONE[search.reason];
      attached.answered = false;
      form.showAnswer(undefined);
    } else {
      const reading = readAnswer(form.item, search.statement.value);
      attached.note = reading.ok ? '' : LEFT_ALONE.unreadable;
      attached.answered = reading.ok ? !isEmpty(reading.answer) : search.statement.value !== '';
      form.showAnswer(reading.ok ? reading.answer : undefined);
    }
    attached.note = attached.note.replace(/\{v\}/g, form.item.variable);
    this.refresh(attached);
  }

  /** The answer statement's code as the cell holds it now ('' when there is no single statement). */
  private statementText(attached: Attached): string {
    const source = attached.cell.model.sharedModel.getSource();
    const search = findStatement(source, attached.form.item.variable);
    return search.found ? source.slice(search.statement.start, search.statement.end) : '';
  }

  private saveSoon(): void {
    window.clearTimeout(this.saveTimer);
    this.saving = true;
    this.refreshAll();
    this.saveTimer = window.setTimeout(() => {
      const context = this.panel.context;
      const done = () => {
        this.saving = false;
        this.refreshAll();
      };
      if (context.isDisposed) {
        return;
      }
      context.save().then(done, done);
    }, SAVE_DELAY_MS);
  }

  private refreshAll(): void {
    this.forms.forEach(attached => this.refresh(attached));
  }

  /** The live region: saved state first, then anything the student should know about the line. */
  private refresh(attached: Attached): void {
    let state: string;
    const unsaved = attached.savedText !== this.statementText(attached);
    if (this.saving && unsaved) {
      state = 'Saving…';
    } else if (!attached.answered) {
      state = 'Not answered yet.';
    } else if (!unsaved) {
      state = 'Answer saved in the notebook.';
    } else {
      state = 'Not saved yet: press Ctrl+S to save the notebook.';
    }
    attached.form.say(attached.note ? `${state} ${attached.note}` : state);
  }

  private showNote(variable: string, cell: Cell, text: string): void {
    const existing = this.notes.get(variable);
    if (existing && existing.parent === cell && existing.node.textContent === text) {
      return;
    }
    this.dropNote(variable);
    const note = new Widget();
    note.addClass('cq-note');
    note.node.textContent = text;
    this.notes.set(variable, note);
    void cell.ready.then(() => {
      if (!note.isDisposed && !cell.isDisposed) {
        (cell.layout as PanelLayout).addWidget(note);
      }
    });
  }

  private dropForm(variable: string): void {
    this.forms.get(variable)?.form.dispose();
    this.forms.delete(variable);
  }

  private dropNote(variable: string): void {
    this.notes.get(variable)?.dispose();
    this.notes.delete(variable);
  }

  private dropAll(): void {
    window.clearTimeout(this.saveTimer);
    window.clearTimeout(this.rescanTimer);
    this.forms.forEach(attached => attached.form.dispose());
    this.notes.forEach(note => note.dispose());
    this.forms.clear();
    this.notes.clear();
  }

  /** What disposing undoes: the connections to the panel and its notebook, the forms and the notes. */
  private readonly held = new DisposableSet();
  private readonly forms = new Map<string, Attached>();
  private readonly notes = new Map<string, Widget>();
  private saving = false;
  private saveTimer: number | undefined = undefined;
  private rescanTimer: number | undefined = undefined;
}

/** Why a quiz item gets no form (its answer cell is missing, duplicated or not an answer cell), or ''. */
function pairingProblem(item: IQuizItem, answerCells: Cell[]): string {
  const start = `${item.question}: the answer buttons are not shown because`;
  if (answerCells.length === 0) {
    return `${start} its answer cell is missing. Ask your instructor for a fresh copy of the quiz.`;
  }
  if (answerCells.length > 1) {
    return `${start} its answer cell appears more than once (copied?). Delete the copy, then reopen the notebook.`;
  }
  const nbgrader = answerCells[0].model.getMetadata('nbgrader') as INbgrader;
  if (nbgrader.solution !== true || nbgrader.grade === true || nbgrader.locked === true) {
    return `${start} the cell it points to is not an answer cell. Type your answer as the quiz explains.`;
  }
  return '';
}

/** An answer cell of nbgrader's source version, with the key between its solution markers. */
function isInstructorSource(cell: Cell): boolean {
  return cell.model.sharedModel.getSource().includes('### BEGIN SOLUTION');
}
