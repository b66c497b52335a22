/**
 * The course's JupyterLab / Notebook 7 extension, one plugin per concern: click-to-answer forms under the graded
 * quizzes' answer cells, keys that stay inside course widgets and quiz forms, and what screen readers need from
 * course widgets.
 */
import { JupyterFrontEndPlugin } from '@jupyterlab/application';

import { formsPlugin } from './formsPlugin';
import { keyGuardPlugin } from './keyGuardPlugin';
import { widgetAriaPlugin } from './widgetAriaPlugin';

const plugins: JupyterFrontEndPlugin<void>[] = [formsPlugin, keyGuardPlugin, widgetAriaPlugin];

export default plugins;
