/**
 * The quiz forms of one notebook: pairs each quiz item (an nbgrader test cell with `quiz_item` metadata) with its
 * answer cell by nbgrader grade_id, puts the form under that answer cell, writes the answer line on a click, saves
 * the notebook shortly after, and keeps every form's status and controls in step with the cell and the file.
 * Disposed with its notebook panel.
 *
 * A quiz with per-student variants adds two things: the student ID form (a `quiz_item` of kind "text"), and items
 * whose form shows the student's own options, taken from the output of their show cell (variant.ts); the show
 * cells are run by themselves when needed (autoRun.ts).
 */
import { Cell, ICodeCellModel } from '@jupyterlab/cells';
import { PageConfig } from '@jupyterlab/coreutils';
import { NotebookPanel } from '@jupyterlab/notebook';
import { DisposableDelegate, DisposableSet, IDisposable } from '@lumino/disposable';
import { PanelLayout, Widget } from '@lumino/widgets';

import { formatLine, readAnswer } from './answerLine';
import { IVariantCells, VariantRunner } from './autoRun';
import { QuizForm } from './form';
import { StudentIdForm, hubSentence } from './idForm';
import { IQuizItem, isEmpty, readQuizItem } from './item';
import { findStatement, replaceStatement } from './statement';
import { ITextItem, formatTextLine, readTextItem, readTextValue } from './studentId';
import { IOutputLike, IVariant, readVariant, showCellId, studentItem, waitingNote } from './variant';

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

/** The same, for the student ID box. */
const ID_LEFT_ALONE: Record<string, string> = {
  several:
    'The box leaves the answer cell alone: it holds more than one line “{v} = …”. ' +
    'Keep only one, and the box will work again.',
  unfinished:
    'The box leaves the answer cell alone: a quote in your line “{v} = …” is not closed. ' +
    'Close it, and the box will work again.',
  unreadable: 'Your typed line is kept; the box cannot show it. Put the ID between quotes, such as {v} = "ab123".'
};

/** The grade_id of a quiz's setup cell, whose code the variant runner may run. */
const SETUP_ID = 'setup';

type Form = QuizForm | StudentIdForm;

class Attached {
  constructor(
    readonly form: Form,
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
    const shows: Cell[] = [];
    const instructor = cells.some(isInstructorSource);
    const onHub = hubUser() !== '';
    let missing = false;
    const idItem = cells.map(cell => readTextItem(cell.model.getMetadata('quiz_item'))).find(Boolean) ?? null;
    const idLine = idItem ? this.lineIn(byGradeId.get(idItem.answer_cell) ?? [], idItem.variable) : '';
    const typed = (readTextValue(idLine.replace(/^[^=]*=/, '')) ?? '').trim();
    for (const cell of cells) {
      const metadata = cell.model.getMetadata('quiz_item');
      const textItem = readTextItem(metadata);
      const item = textItem ? null : readQuizItem(metadata);
      const described = textItem ?? item;
      if (!described) {
        continue;
      }
      const { variable } = described;
      wanted.add(variable);
      const answerCells = byGradeId.get(described.answer_cell) ?? [];
      if (answerCells.some(isInstructorSource) || (textItem && instructor)) {
        // The instructor's source version holds the key in the answer cell: a click must never overwrite it, and
        // the source keeps the ID line the quiz was built with.
        this.dropForm(variable);
        this.dropNote(variable);
        continue;
      }
      const problem = pairingProblem(described, answerCells);
      if (problem) {
        this.dropForm(variable);
        this.showNote(variable, cell, problem);
      } else if (textItem) {
        this.placeIdForm(textItem, answerCells[0]);
      } else if (item) {
        let own: IQuizItem | null = item;
        if (item.variant) {
          const show = this.showCell(item, byGradeId);
          const variant = show ? this.variantOf(show, item.variable) : null;
          if (show) {
            shows.push(show);
          }
          missing = missing || variant === null;
          // A version shown for another ID than the one typed (the cells have not run since) is not offered.
          const stale = idItem !== null && !onHub && variant !== null && variant.student !== typed;
          own = stale ? null : studentItem(item, variant);
        }
        if (own) {
          this.dropNote(variable);
          this.ensureForm(own, answerCells[0]);
        } else {
          this.dropForm(variable);
          this.showNote(variable, answerCells[0], waitingNote(onHub));
        }
      }
    }
    for (const variable of [...this.forms.keys(), ...this.notes.keys()]) {
      if (!wanted.has(variable)) {
        this.dropForm(variable);
        this.dropNote(variable);
      }
    }
    if (shows.length > 0 || this.runner) {
      const setups = byGradeId.get(SETUP_ID) ?? [];
      this.updateRunner({
        setup: setups.length === 1 ? setups[0] : null,
        shows,
        missing,
        idLine,
        idAssignment: idItem && !onHub ? formatTextLine(idItem.variable, typed) : null,
        instructor
      });
    }
  }

  /** The ID box under the ID's answer cell; on a JupyterHub, a sentence saying who the quiz is for instead. */
  private placeIdForm(item: ITextItem, cell: Cell): void {
    const user = hubUser();
    if (user) {
      this.dropForm(item.variable);
      this.showNote(item.variable, cell, hubSentence(user), 'cq-id-hub');
      return;
    }
    this.dropNote(item.variable);
    this.ensureForm(item, cell);
  }

  /** The one show cell of a variant item, listened to so its form follows its outputs; null if not exactly one. */
  private showCell(item: IQuizItem, byGradeId: Map<string, Cell[]>): Cell | null {
    const found = byGradeId.get(showCellId(item.variable)) ?? [];
    if (found.length !== 1 || found[0].model.type !== 'code') {
      return null;
    }
    const outputs = (found[0].model as ICodeCellModel).outputs;
    if (!this.watched.has(outputs)) {
      const onOutputs = () => this.rescanSoon();
      outputs.changed.connect(onOutputs);
      this.watched.set(outputs, () => outputs.changed.disconnect(onOutputs));
    }
    return found[0];
  }

  private variantOf(cell: Cell, variable: string): IVariant | null {
    const outputs = (cell.model as ICodeCellModel).outputs;
    const list: IOutputLike[] = [];
    for (let i = 0; i < outputs.length; i++) {
      list.push(outputs.get(i));
    }
    return readVariant(list, variable);
  }

  /** The answer statement `variable = ...` in the one cell given ('' when not exactly one cell or statement). */
  private lineIn(cells: Cell[], variable: string): string {
    if (cells.length !== 1) {
      return '';
    }
    const source = cells[0].model.sharedModel.getSource();
    const search = findStatement(source, variable);
    return search.found ? source.slice(search.statement.start, search.statement.end) : '';
  }

  /** Tell the runner what the notebook holds; it is made the first time a variant item is seen. */
  private updateRunner(cells: IVariantCells): void {
    if (!this.runner) {
      this.runner = new VariantRunner(this.panel, {
        before: () => this.saveNow(),
        after: () => {
          if (this.panel.context.model.dirty) {
            this.saveSoon();
          }
        }
      });
      this.held.add(this.runner);
    }
    this.runner.update(cells);
  }

  private ensureForm(item: IQuizItem | ITextItem, cell: Cell): void {
    const existing = this.forms.get(item.variable);
    const same = existing && JSON.stringify(existing.form.item) === JSON.stringify(item);
    if (existing && same && existing.cell === cell && !existing.form.isDisposed) {
      return;
    }
    this.dropForm(item.variable);
    const form: Form =
      item.kind === 'text'
        ? new StudentIdForm(item, text => this.write(item.variable, formatTextLine(item.variable, text)))
        : new QuizForm(item, answer => this.write(item.variable, formatLine(item, answer)));
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

  /** A click (or an ID typed): replace the answer statement with `line`, then save soon. */
  private write(variable: string, line: string): void {
    const attached = this.forms.get(variable);
    if (!attached) {
      return;
    }
    const { cell } = attached;
    const source = cell.model.sharedModel.getSource();
    const search = findStatement(source, variable);
    if (!search.found && search.reason === 'none' && attached.form instanceof StudentIdForm) {
      // The ID cell has no line at all (nbgrader's release replaces a solution cell without markers by its stub):
      // the line goes on top, where the stub's comment says it is, and nothing in the cell is overwritten.
      cell.model.sharedModel.setSource(source.trim() ? `${line}\n${source}` : line);
      this.saveSoon();
      this.refresh(attached);
      return;
    }
    if (!search.found) {
      this.sync(attached);
      return;
    }
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
    if (form instanceof StudentIdForm) {
      this.syncId(attached, form, search);
      return;
    }
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

  /** The ID line changed: show its text in the box, and let the runner know (it runs the show cells again). */
  private syncId(attached: Attached, form: StudentIdForm, search: ReturnType<typeof findStatement>): void {
    let text = '';
    if (!search.found) {
      // No line yet is no problem: the box writes one (see write()).
      attached.note = search.reason === 'none' ? '' : ID_LEFT_ALONE[search.reason];
    } else {
      const read = readTextValue(search.statement.value);
      attached.note = read === undefined ? ID_LEFT_ALONE.unreadable : '';
      text = read ?? '';
    }
    attached.answered = text.trim() !== '';
    attached.note = attached.note.replace(/\{v\}/g, form.item.variable);
    form.showText(text);
    this.refresh(attached);
    if (this.runner) {
      this.rescanSoon();
    }
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

  /** Save at once if there is anything unsaved (a save already waiting is done now instead). */
  private async saveNow(): Promise<void> {
    const context = this.panel.context;
    if (context.isDisposed || !context.model.dirty) {
      return;
    }
    window.clearTimeout(this.saveTimer);
    this.saving = true;
    this.refreshAll();
    try {
      await context.save();
    } catch {
      // Not saved (the disk, the server): the run goes on, and the status says the answer is not saved yet.
    } finally {
      this.saving = false;
      this.refreshAll();
    }
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

  private showNote(variable: string, cell: Cell, text: string, className = 'cq-note'): void {
    const existing = this.notes.get(variable);
    if (existing && existing.parent === cell && existing.node.textContent === text) {
      return;
    }
    this.dropNote(variable);
    const note = new Widget();
    note.addClass(className);
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
    this.watched.forEach(disconnect => disconnect());
    this.watched.clear();
  }

  /** What disposing undoes: the connections to the panel and its notebook, the forms and the notes. */
  private readonly held = new DisposableSet();
  private readonly forms = new Map<string, Attached>();
  private readonly notes = new Map<string, Widget>();
  /** The show cells' output lists listened to, and how to stop. */
  private readonly watched = new Map<unknown, () => void>();
  private runner: VariantRunner | undefined = undefined;
  private saving = false;
  private saveTimer: number | undefined = undefined;
  private rescanTimer: number | undefined = undefined;
}

/** Why a quiz item gets no form (its answer cell is missing, duplicated or not an answer cell), or ''. */
function pairingProblem(item: { question: string }, answerCells: Cell[]): string {
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

/** The JupyterHub user this page belongs to ('' when the page is not served by a hub). */
function hubUser(): string {
  return PageConfig.getOption('hubUser');
}

/** An answer cell of nbgrader's source version, with the key between its solution markers. */
function isInstructorSource(cell: Cell): boolean {
  return cell.model.sharedModel.getSource().includes('### BEGIN SOLUTION');
}
