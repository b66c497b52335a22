/**
 * The quiz forms plugin: click-to-answer forms under the graded quizzes' answer cells, one `NotebookForms` per
 * notebook, disposed with its notebook.
 */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { INotebookTracker } from '@jupyterlab/notebook';

import { NotebookForms } from './notebookForms';

export const formsPlugin: JupyterFrontEndPlugin<void> = {
  id: 'course-quiz-forms:forms',
  description: 'Click-to-answer forms under the answer cells of the graded quizzes.',
  autoStart: true,
  requires: [INotebookTracker],
  // No deactivate: each notebook's forms already go with the notebook, and nothing else is held.
  activate: (_app: JupyterFrontEnd, tracker: INotebookTracker) => {
    tracker.widgetAdded.connect((_, panel) => new NotebookForms(panel));
  }
};
