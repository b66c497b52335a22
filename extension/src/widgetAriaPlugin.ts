/**
 * The widget accessibility plugin: live regions, names and values that screen readers need, set on ipywidgets' own
 * DOM inside course widgets (widgetAria.ts says what and why).
 */
import { JupyterFrontEndPlugin } from '@jupyterlab/application';
import { IDisposable } from '@lumino/disposable';

import { installWidgetAria } from './widgetAria';

let observer: IDisposable | undefined;

export const widgetAriaPlugin: JupyterFrontEndPlugin<void> = {
  id: 'course-quiz-forms:widget-aria',
  description: 'Live regions, names and slider values for screen readers in course widgets.',
  autoStart: true,
  activate: () => {
    observer?.dispose();
    observer = installWidgetAria();
  },
  deactivate: () => {
    observer?.dispose();
    observer = undefined;
  }
};
