// The widget accessibility plugin (node --test, after `npm test` compiles src/): once active, course widgets get
// what screen readers need, now and whenever an output changes; deactivated, it stops watching.
const test = require('node:test');
const assert = require('node:assert/strict');
const { FakeElement } = require('./fakeLab.js');
const { widgetAriaPlugin } = require('../build-test/widgetAriaPlugin.js');

/** Records the one observer the plugin creates, so a test can hand it mutations. */
class FakeObserver {
  constructor(callback) {
    this.callback = callback;
    this.watching = false;
    FakeObserver.last = this;
  }
  observe() {
    this.watching = true;
  }
  disconnect() {
    this.watching = false;
  }
}
globalThis.MutationObserver = FakeObserver;

/** A slider inside a course widget: label, handle and the readout ipywidgets shows. */
function slider(label, shown) {
  const widget = new FakeElement(['widget-slider']);
  const handle = new FakeElement(['noUi-handle'], widget);
  const readout = new FakeElement(['widget-readout'], widget);
  readout.textContent = shown;
  widget.found = {
    ':scope > .widget-label': [Object.assign(new FakeElement(), { textContent: label })],
    '.noUi-handle': [handle],
    '.widget-readout': [readout]
  };
  return { widget, handle, readout };
}

test('the widget accessibility plugin starts by itself, needs nothing, and says what it does', () => {
  assert.equal(widgetAriaPlugin.id, 'course-quiz-forms:widget-aria');
  assert.equal(widgetAriaPlugin.autoStart, true);
  assert.equal(widgetAriaPlugin.requires, undefined);
  assert.match(widgetAriaPlugin.description, /screen readers/);
});

test('live regions and sliders are named at once and after an output changes; deactivated, it stops', async () => {
  const body = new FakeElement(['body']);
  const live = new FakeElement(['course-live'], body);
  body.found = { '.course-live': [live] };
  globalThis.document = { body };
  widgetAriaPlugin.activate({});
  const observer = FakeObserver.last;
  try {
    assert.equal(observer.watching, true);
    assert.equal(live.getAttribute('role'), 'status');
    assert.equal(live.getAttribute('aria-live'), 'polite');

    const output = new FakeElement(['jp-OutputArea'], body);
    const { widget, handle, readout } = slider('Effect size', '0.83');
    widget.parentElement = output;
    body.found['.course-widget .widget-slider'] = [widget];
    observer.callback([{ target: widget }]);
    await Promise.resolve();
    assert.equal(handle.getAttribute('aria-label'), 'Effect size');
    assert.equal(handle.getAttribute('aria-valuetext'), '0.83');
    assert.equal(readout.getAttribute('aria-label'), 'Effect size: type a value');

    readout.textContent = '0.9';
    observer.callback([{ target: new FakeElement(['elsewhere'], body) }]);
    await Promise.resolve();
    assert.equal(handle.getAttribute('aria-valuetext'), '0.83', 'changes outside outputs are not worth a pass');
  } finally {
    widgetAriaPlugin.deactivate({});
  }
  assert.equal(observer.watching, false);
});
