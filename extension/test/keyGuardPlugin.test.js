// The key guard plugin (node --test, after `npm test` compiles src/): once active, keys in a quiz form or course
// widget are kept from the notebook's shortcuts (Lumino skips a control marked data-lm-suppress-shortcuts), Ctrl
// combinations and Escape are not, Escape returns to the cell; deactivated, it leaves every key alone.
const test = require('node:test');
const assert = require('node:assert/strict');
const { FakeElement, fakeTracker, keydown, INotebookTracker } = require('./fakeLab.js');
const { keyGuardPlugin } = require('../build-test/keyGuardPlugin.js');

const SUPPRESS = 'data-lm-suppress-shortcuts';

/** A notebook of two cells; the second holds a course widget with a focused radio button. */
function notebookWithWidget() {
  const notebookNode = new FakeElement(['jp-Notebook']);
  const cells = [0, 1].map(() => ({ node: new FakeElement(['jp-Cell'], notebookNode) }));
  const widget = new FakeElement(['course-widget'], cells[1].node);
  const radio = new FakeElement([], widget);
  const outside = new FakeElement([], cells[0].node);
  const notebook = { node: notebookNode, widgets: cells, activeCellIndex: 0, mode: 'edit' };
  Object.defineProperty(notebook, 'activeCell', { get: () => cells[notebook.activeCellIndex] });
  return { panel: { content: notebook }, notebook, cells, radio, outside };
}

test('the key guard plugin starts by itself, needs the notebook tracker and says what it does', () => {
  assert.equal(keyGuardPlugin.id, 'course-quiz-forms:key-guard');
  assert.equal(keyGuardPlugin.autoStart, true);
  assert.deepEqual(keyGuardPlugin.requires, [INotebookTracker]);
  assert.match(keyGuardPlugin.description, /web form/);
});

test('keys in a course widget act as in a web form; Escape goes back to its cell; deactivated, keys are left alone', () => {
  const { panel, notebook, cells, radio, outside } = notebookWithWidget();
  keyGuardPlugin.activate({}, fakeTracker([panel]));
  try {
    window.dispatchEvent(keydown(radio, 'ArrowDown'));
    assert.equal(radio.hasAttribute(SUPPRESS), true, 'an arrow key must stay in the widget');
    window.dispatchEvent(keydown(radio, 's', { ctrlKey: true }));
    assert.equal(radio.hasAttribute(SUPPRESS), false, 'Ctrl+S must still reach the notebook');
    window.dispatchEvent(keydown(outside, 'j'));
    assert.equal(outside.hasAttribute(SUPPRESS), false, 'keys outside course widgets are not touched');
    window.dispatchEvent(keydown(radio, 'j'));
    window.dispatchEvent(keydown(radio, 'Escape'));
    assert.equal(radio.hasAttribute(SUPPRESS), false, 'Escape must reach the notebook');
    assert.equal(notebook.activeCellIndex, 1);
    assert.equal(notebook.mode, 'command');
    assert.equal(cells[1].node.focused, true);
  } finally {
    keyGuardPlugin.deactivate({});
  }
  window.dispatchEvent(keydown(radio, 'ArrowDown'));
  assert.equal(radio.hasAttribute(SUPPRESS), false, 'a deactivated guard must remove its listener');
});

test('activating twice installs one guard, which deactivating removes', () => {
  const { panel, radio } = notebookWithWidget();
  keyGuardPlugin.activate({}, fakeTracker([panel]));
  keyGuardPlugin.activate({}, fakeTracker([panel]));
  keyGuardPlugin.deactivate({});
  window.dispatchEvent(keydown(radio, 'ArrowDown'));
  assert.equal(radio.hasAttribute(SUPPRESS), false);
});
