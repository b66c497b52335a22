/**
 * The course's JupyterLab / Notebook 7 extension: click-to-answer forms under the graded quizzes' answer cells,
 * keys that stay inside course widgets and quiz forms, and what screen readers need from course widgets.
 */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { INotebookTracker } from '@jupyterlab/notebook';

import { installKeyGuard } from './keys';
import { NotebookForms } from './notebookForms';
import { installWidgetAria } from './widgetAria';

const plugin: JupyterFrontEndPlugin<void> = {
  id: 'course-quiz-forms:plugin',
  description: 'Click-to-answer quiz forms; keys that stay in course widgets.',
  autoStart: true,
  requires: [INotebookTracker],
  activate: (_app: JupyterFrontEnd, tracker: INotebookTracker) => {
    tracker.widgetAdded.connect((_, panel) => new NotebookForms(panel));
    installWidgetAria();
    installKeyGuard(zone => {
      // Escape: back to the notebook, in command mode on the cell that holds the widget.
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
    });
  }
};

export default plugin;
