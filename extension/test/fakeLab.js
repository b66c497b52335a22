// Stand-ins for the little of JupyterLab and the browser that the plugins touch, so node --test can activate them
// (the browser suite, tests/test_browser_quiz_forms.py, runs them for real in JupyterLab and Notebook 7).
// Require this before anything from build-test/.
const Module = require('node:module');

/** The window: where the key guard listens (node 20's EventTarget does not remove a capture listener), and the
 * timers the forms use. */
class FakeWindow {
  constructor() {
    this.listeners = [];
  }
  addEventListener(type, listener, capture) {
    this.listeners.push({ type, listener, capture: !!capture });
  }
  removeEventListener(type, listener, capture) {
    this.listeners = this.listeners.filter(
      l => !(l.type === type && l.listener === listener && l.capture === !!capture)
    );
  }
  dispatchEvent(event) {
    this.listeners.filter(l => l.type === event.type).forEach(l => l.listener(event));
  }
  setTimeout(...args) {
    return setTimeout(...args);
  }
  clearTimeout(id) {
    clearTimeout(id);
  }
}
globalThis.window = new FakeWindow();

// Modules that need a real browser to load: the plugins only need @jupyterlab/notebook's token, and the forms
// only draw Lumino widgets once a notebook has quiz items (tests/test_browser_quiz_forms.py draws them for real).
const INotebookTracker = { name: '@jupyterlab/notebook:INotebookTracker' };
const stubs = {
  '@jupyterlab/notebook': { INotebookTracker },
  '@lumino/widgets': { Widget: class Widget {} }
};
const load = Module._load;
Module._load = function (request, ...rest) {
  return stubs[request] ?? load.call(this, request, ...rest);
};

/** A Lumino-like signal that shows who is connected. */
class FakeSignal {
  constructor() {
    this.slots = [];
  }
  connect(slot, thisArg) {
    this.slots.push([slot, thisArg]);
    return true;
  }
  disconnect(slot, thisArg) {
    const index = this.slots.findIndex(([s, t]) => s === slot && t === thisArg);
    if (index !== -1) {
      this.slots.splice(index, 1);
    }
    return index !== -1;
  }
  emit(sender, args) {
    for (const [slot, thisArg] of [...this.slots]) {
      slot.call(thisArg, sender, args);
    }
  }
}

/** An element with classes, attributes, a parent and canned query answers (`found`, by selector). Selectors are
 * matched as comma-separated lists of single classes, which is all the key guard and the observer ask. */
class FakeElement {
  constructor(classes = [], parentElement = null) {
    this.classes = new Set(classes);
    this.parentElement = parentElement;
    this.attributes = new Map();
    this.textContent = '';
    this.found = {};
    this.focused = false;
  }
  matches(selector) {
    return selector.split(',').some(part => this.classes.has(part.trim().replace(/^\./, '')));
  }
  closest(selector) {
    for (let element = this; element; element = element.parentElement) {
      if (element.matches(selector)) {
        return element;
      }
    }
    return null;
  }
  contains(other) {
    for (let element = other; element; element = element.parentElement) {
      if (element === this) {
        return true;
      }
    }
    return false;
  }
  getAttribute(name) {
    return this.attributes.has(name) ? this.attributes.get(name) : null;
  }
  hasAttribute(name) {
    return this.attributes.has(name);
  }
  setAttribute(name, value) {
    this.attributes.set(name, String(value));
  }
  removeAttribute(name) {
    this.attributes.delete(name);
  }
  querySelector(selector) {
    return (this.found[selector] ?? [])[0] ?? null;
  }
  querySelectorAll(selector) {
    return this.found[selector] ?? [];
  }
  focus() {
    this.focused = true;
  }
}
globalThis.Element = FakeElement;

/** A key press as the browser hands it to a window listener: `target` is where the focus is. */
function keydown(target, key, modifiers = {}) {
  const event = new Event('keydown');
  Object.assign(event, { key, ctrlKey: false, metaKey: false, altKey: false, ...modifiers });
  event.composedPath = () => [target];
  return event;
}

/** A notebook panel whose context is ready when `ready` resolves; `dispose()` emits `disposed` as Lumino does. */
function fakePanel(ready = Promise.resolve()) {
  const node = new FakeElement(['jp-Notebook']);
  return {
    isDisposed: false,
    disposed: new FakeSignal(),
    content: { node, widgets: [], model: { cells: { changed: new FakeSignal() } } },
    context: { ready, isDisposed: false, saveState: new FakeSignal(), model: { dirty: false } },
    dispose() {
      this.isDisposed = true;
      this.disposed.emit(this, undefined);
    }
  };
}

/** A notebook tracker that announces panels and finds them. */
function fakeTracker(panels = []) {
  return { widgetAdded: new FakeSignal(), find: test => panels.find(test) };
}

module.exports = { FakeElement, FakeSignal, INotebookTracker, fakePanel, fakeTracker, keydown };
