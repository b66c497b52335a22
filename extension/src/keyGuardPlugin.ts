/**
 * The key guard plugin: keys inside quiz forms and course widgets act as in a web form instead of running notebook
 * shortcuts (keys.ts says how); Escape goes back to the notebook that holds the widget.
 */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { INotebookTracker } from '@jupyterlab/notebook';
import { IDisposable } from '@lumino/disposable';

import { installKeyGuard } from './keys';

/** Escape: back to the notebook, in command mode on the cell that holds the widget. */
export function backToNotebook(tracker: INotebookTracker, zone: Element): void {
  const panel = tracker.find(candidate => candidate.content.node.contains(zone));
  if (!panel) {
    return;
  }
  const notebook = panel.content;
  const index = notebook.widgets.findIndex(cell => cell.node.contains(zone));
  if (index !== -1) {
    notebook.activeCellIndex = index;
  }
  notebook.mode = 'command';
  notebook.activeCell?.node.focus();
}

let guard: IDisposable | undefined;

export const keyGuardPlugin: JupyterFrontEndPlugin<void> = {
  id: 'course-quiz-forms:key-guard',
  description: 'Keys inside quiz forms and course widgets act as in a web form; Escape returns to the notebook.',
  autoStart: true,
  requires: [INotebookTracker],
  activate: (_app: JupyterFrontEnd, tracker: INotebookTracker) => {
    guard?.dispose();
    guard = installKeyGuard(zone => backToNotebook(tracker, zone));
  },
  deactivate: () => {
    guard?.dispose();
    guard = undefined;
  }
};
