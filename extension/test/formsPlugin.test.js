// The quiz forms plugin (node --test, after `npm test` compiles src/): every notebook the tracker announces gets
// its forms, listening to the notebook once it is ready, and they are disposed with the notebook.
const test = require('node:test');
const assert = require('node:assert/strict');
const { fakePanel, fakeTracker, INotebookTracker } = require('./fakeLab.js');
const { formsPlugin } = require('../build-test/formsPlugin.js');
const { NotebookForms } = require('../build-test/notebookForms.js');

const listeners = panel => ({
  cells: panel.content.model.cells.changed.slots.length,
  saves: panel.context.saveState.slots.length,
  panelDisposed: panel.disposed.slots.length
});

test('the forms plugin starts by itself, needs the notebook tracker and says what it does', () => {
  assert.equal(formsPlugin.id, 'course-quiz-forms:forms');
  assert.equal(formsPlugin.autoStart, true);
  assert.deepEqual(formsPlugin.requires, [INotebookTracker]);
  assert.match(formsPlugin.description, /answer/);
});

test('each notebook opened gets its forms, which let go of the notebook when it closes', async () => {
  const tracker = fakeTracker();
  formsPlugin.activate({}, tracker);
  assert.equal(tracker.widgetAdded.slots.length, 1);
  const panel = fakePanel();
  tracker.widgetAdded.emit(tracker, panel);
  await panel.context.ready;
  await Promise.resolve();
  assert.deepEqual(listeners(panel), { cells: 1, saves: 1, panelDisposed: 1 });
  panel.dispose();
  assert.deepEqual(listeners(panel), { cells: 0, saves: 0, panelDisposed: 0 });
});

test('forms of a notebook closed before it was ready never start listening', async () => {
  let ready;
  const panel = fakePanel(new Promise(resolve => (ready = resolve)));
  const forms = new NotebookForms(panel);
  panel.dispose();
  assert.equal(forms.isDisposed, true);
  ready();
  await panel.context.ready;
  await Promise.resolve();
  assert.deepEqual(listeners(panel), { cells: 0, saves: 0, panelDisposed: 0 });
});

test('disposing the forms themselves stops them listening and is safe twice', async () => {
  const panel = fakePanel();
  const forms = new NotebookForms(panel);
  await panel.context.ready;
  await Promise.resolve();
  forms.dispose();
  forms.dispose();
  assert.equal(forms.isDisposed, true);
  assert.deepEqual(listeners(panel), { cells: 0, saves: 0, panelDisposed: 0 });
});
