/**
 * Nothing to do to see one's own version of a quiz: when a notebook with variant items is open and its kernel is
 * ready, the quiz's setup cell and its show cells are run once if a show cell has no variant output yet, and again
 * (after a short pause) when the student ID line changes. Then the notebook is saved, so the file records which
 * version the student was shown.
 *
 * A notebook is untrusted input: only a locked nbgrader code cell whose source is exactly one of the two calls below
 * is ever run by itself, and nothing at all in the instructor's source version (an answer cell holding the key
 * between solution markers).
 *
 * The kernel learns the student ID from its namespace (`student_id`), which the answer cell would set if the student
 * ran it. That cell is the student's to edit, so it is never run by itself: the runner hands the kernel the ID read
 * from it instead, as one assignment of a string literal it writes itself (`student_id = "ab123"`, escaped), checked
 * against ID_ASSIGNMENT before it is sent.
 */
import { Cell, CodeCell } from '@jupyterlab/cells';
import { NotebookPanel } from '@jupyterlab/notebook';
import { DisposableDelegate, DisposableSet, IDisposable } from '@lumino/disposable';

const SETUP_CODE =
  /^from course_lib\.grading import quiz\n\nquiz\.start\(course="[A-Za-z0-9_.-]+", quiz="[A-Za-z0-9_.-]+"\)$/;
const SHOW_CODE = /^from course_lib\.grading import quiz\n\nquiz\.show\("q[1-9][0-9]*", r'''[^']*'''\)$/;
/** One name, one string literal with no quote, backslash or control character left unescaped. */
const ID_ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]* = "(?:[^"\\\u0000-\u001f\u007f]|\\[\\"nrt]|\\x[0-9a-f]{2})*"$/;

/** How long the ID line must stay unchanged before the cells run again. */
export const RERUN_DELAY_MS = 800;

interface INbgraderLock {
  locked?: boolean;
}

/** Setup (`quiz.start(...)`) or show (`quiz.show(...)`) code, exactly as `make quizzes` writes it; else null. */
export function runnableKind(source: string): 'setup' | 'show' | null {
  if (SETUP_CODE.test(source)) {
    return 'setup';
  }
  return SHOW_CODE.test(source) ? 'show' : null;
}

/** Whether this extension may run the cell by itself: a locked nbgrader code cell holding exactly that code. */
export function mayRunByItself(cell: Cell, kind: 'setup' | 'show'): boolean {
  const nbgrader = cell.model.getMetadata('nbgrader') as INbgraderLock | undefined;
  return (
    cell.model.type === 'code' &&
    nbgrader?.locked === true &&
    runnableKind(cell.model.sharedModel.getSource()) === kind
  );
}

/** What the notebook holds now, as the forms found it. */
export interface IVariantCells {
  /** The setup cell (grade_id "setup"), or null. */
  setup: Cell | null;
  /** The show cells of the variant items, in notebook order. */
  shows: Cell[];
  /** A show cell has no variant output yet. */
  missing: boolean;
  /** The student ID line as the answer cell holds it ('' when there is none). */
  idLine: string;
  /** What the kernel is told the ID is (`student_id = "ab123"`), or null to tell it nothing (on a hub, no ID item). */
  idAssignment: string | null;
  /** The instructor's source version: never run anything. */
  instructor: boolean;
}

export type Execute = typeof CodeCell.execute;

/** What the forms do around a run: before, save a changed ID line, so the file that is handed in names the ID whose
 * versions it shows; after, save the outputs, so the file records the versions shown. */
export interface IRunHooks {
  before: () => Promise<void>;
  after: () => void;
}

export class VariantRunner implements IDisposable {
  /** `execute` is JupyterLab's own `CodeCell.execute` (replaceable for tests). */
  constructor(
    private readonly panel: NotebookPanel,
    private readonly hooks: IRunHooks,
    private readonly execute: Execute = CodeCell.execute
  ) {
    const session = panel.sessionContext;
    const onKernelChanged = () => {
      this.triedFor = undefined;
      this.runIfMissing();
    };
    session.kernelChanged.connect(onKernelChanged);
    this.held.add(new DisposableDelegate(() => session.kernelChanged.disconnect(onKernelChanged)));
    this.held.add(new DisposableDelegate(() => window.clearTimeout(this.timer)));
    void session.ready.then(() => this.runIfMissing());
  }

  get isDisposed(): boolean {
    return this.held.isDisposed;
  }

  dispose(): void {
    this.held.dispose();
  }

  /** The notebook changed (the forms rescanned it): run now, later or not at all. */
  update(cells: IVariantCells): void {
    this.cells = cells;
    if (cells.instructor || cells.shows.length === 0) {
      window.clearTimeout(this.timer);
      return;
    }
    if (this.idLine === undefined) {
      this.idLine = cells.idLine;
    } else if (cells.idLine !== this.idLine) {
      this.idLine = cells.idLine;
      window.clearTimeout(this.timer);
      this.timer = window.setTimeout(() => {
        // A run that started meanwhile may already have handed the kernel this very line: no need to run twice.
        if (this.toldLine !== this.idLine) {
          void this.run();
        }
      }, RERUN_DELAY_MS);
      return;
    }
    this.runIfMissing();
  }

  /** Run once per kernel and ID line while a show cell has no variant output (a failed run is not repeated). */
  private runIfMissing(): void {
    const cells = this.cells;
    // While a run is under way its own cells' outputs are cleared one by one: that is no reason to run again.
    if (this.running || !cells || !cells.missing || cells.instructor || cells.shows.length === 0) {
      return;
    }
    const kernel = this.panel.sessionContext.session?.kernel;
    if (!kernel || this.panel.sessionContext.isDisposed) {
      return;
    }
    const key = `${kernel.id}\n${cells.idLine}`;
    if (this.triedFor !== key) {
      this.triedFor = key;
      void this.run();
    }
  }

  /** Run the setup cell, then every show cell, in order; a run asked for meanwhile follows this one. */
  private async run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        const session = this.panel.sessionContext;
        await session.ready;
        const cells = this.cells;
        if (this.isDisposed || session.isDisposed || !session.session?.kernel || !cells || cells.instructor) {
          return;
        }
        const { setup, shows } = cells;
        if (!setup || !mayRunByItself(setup, 'setup')) {
          return;
        }
        this.triedFor = `${session.session.kernel.id}\n${cells.idLine}`;
        await this.hooks.before();
        for (const cell of [setup, ...shows]) {
          if (this.isDisposed || cell.isDisposed || this.cells?.instructor) {
            return;
          }
          if (cell === setup || mayRunByItself(cell, 'show')) {
            await this.execute(cell as CodeCell, session);
          }
          if (cell === setup) {
            this.toldLine = this.cells?.idLine;
            await this.tellId(this.cells?.idAssignment ?? null);
          }
        }
      } while (this.again);
      if (!this.isDisposed) {
        this.hooks.after();
      }
    } catch {
      // The kernel went away mid-run: the show cells say what they say, and the student can run them.
    } finally {
      this.running = false;
    }
  }

  /** Set the student ID in the kernel's namespace, silently (no cell runs, nothing is added to its history). */
  private async tellId(assignment: string | null): Promise<void> {
    const kernel = this.panel.sessionContext.session?.kernel;
    if (!kernel || assignment === null || !ID_ASSIGNMENT.test(assignment)) {
      return;
    }
    await kernel.requestExecute({ code: assignment, silent: true, store_history: false, allow_stdin: false }).done;
  }

  private readonly held = new DisposableSet();
  private cells: IVariantCells | undefined = undefined;
  private idLine: string | undefined = undefined;
  /** The ID line as it was when the kernel was last told the ID. */
  private toldLine: string | undefined = undefined;
  private triedFor: string | undefined = undefined;
  private timer: number | undefined = undefined;
  private running = false;
  private again = false;
}
