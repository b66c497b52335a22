// Stand-ins for the little of JupyterLab and the browser that the plugins touch, so node --test can activate them
// (the browser suite, tests/scenarios/browser/, runs them for real in JupyterLab and Notebook 7).
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

// Modules that need a real browser to load: the plugins only need @jupyterlab/notebook's token; the forms draw on
// the small DOM below (tests/scenarios/browser/ draws them for real), read the hub user from the page config and
// run cells through CodeCell.execute, which the tests replace with `lab.execute`.
const INotebookTracker = { name: '@jupyterlab/notebook:INotebookTracker' };
const lab = {
  /** The page config's options (`hubUser` is '' unless a test sets it). */
  pageConfig: {},
  /** What CodeCell.execute does: by default records the cell, as `lab.executed`. */
  execute: cell => {
    lab.executed.push(cell);
    return Promise.resolve();
  },
  executed: []
};
const stubs = {
  '@jupyterlab/notebook': { INotebookTracker },
  '@jupyterlab/coreutils': { PageConfig: { getOption: name => lab.pageConfig[name] ?? '' } },
  '@jupyterlab/cells': { CodeCell: { execute: (...args) => lab.execute(...args) } },
  '@lumino/widgets': { Widget: makeWidgetClass() }
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

/** A DOM node as the forms build them: tag, properties, children, listeners (enough for form.ts and idForm.ts). */
class FakeNode extends FakeElement {
  constructor(tagName) {
    super();
    this.tagName = tagName.toUpperCase();
    this.children = [];
    this.handlers = {};
    this.value = '';
    this.checked = false;
    this.className = '';
  }
  appendChild(child) {
    child.parentElement = this;
    this.children.push(child);
    return child;
  }
  append(...children) {
    children.forEach(child => this.appendChild(child));
  }
  addEventListener(type, handler) {
    (this.handlers[type] = this.handlers[type] ?? []).push(handler);
  }
  /** Fire an event at this node; returns the event (to see `defaultPrevented`). */
  fire(type, props = {}) {
    const event = { type, target: this, defaultPrevented: false, ...props };
    event.preventDefault = () => (event.defaultPrevented = true);
    (this.handlers[type] ?? []).forEach(handler => handler(event));
    return event;
  }
  matches(selector) {
    return selector.split(',').some(part => {
      part = part.trim();
      return part.startsWith('.') ? this.className.split(' ').includes(part.slice(1)) || this.classes.has(part.slice(1))
        : this.tagName === part.toUpperCase();
    });
  }
  /** Every node below this one (depth first) that `test` accepts. */
  findAll(test) {
    const found = [];
    const walk = node => node.children.forEach(child => {
      if (test(child)) {
        found.push(child);
      }
      walk(child);
    });
    walk(this);
    return found;
  }
  /** All the text below this node. */
  get text() {
    return [this.textContent, ...this.children.map(child => child.text)].join(' ').replace(/\s+/g, ' ').trim();
  }
}

globalThis.document = {
  activeElement: null,
  createElement: tag => new FakeNode(tag)
};
globalThis.Option = function Option(text, value) {
  const option = new FakeNode('option');
  option.textContent = text;
  option.value = value;
  return option;
};

/** Lumino's Widget, as far as the forms use it: a node, classes, an id, a parent cell, and being disposed. */
function makeWidgetClass() {
  return class Widget {
    constructor() {
      this.node = new FakeNode('div');
      this.isDisposed = false;
      this.disposed = new FakeSignal();
      this.parent = null;
    }
    addClass(name) {
      this.node.classes.add(name);
      this.node.className = [...this.node.classes].join(' ');
    }
    get id() {
      return this.node.id;
    }
    set id(value) {
      this.node.id = value;
    }
    dispose() {
      if (this.isDisposed) {
        return;
      }
      this.isDisposed = true;
      if (this.parent) {
        this.parent.layout.widgets = this.parent.layout.widgets.filter(widget => widget !== this);
        this.parent = null;
      }
      this.disposed.emit(this, undefined);
    }
  };
}

/** A key press as the browser hands it to a window listener: `target` is where the focus is. */
function keydown(target, key, modifiers = {}) {
  const event = new Event('keydown');
  Object.assign(event, { key, ctrlKey: false, metaKey: false, altKey: false, ...modifiers });
  event.composedPath = () => [target];
  return event;
}

/**
 * A notebook cell: its nbgrader and quiz_item metadata, source, outputs (each `{data: {...}}`), and the widgets a
 * form adds under it (`layout.widgets`). `setOutputs` replaces the outputs and signals it, as a run does.
 */
function fakeCell({ type = 'code', nbgrader, quizItem, source = '', outputs = [] } = {}) {
  const metadata = { nbgrader, quiz_item: quizItem };
  let text = source;
  const sharedModel = {
    changed: new FakeSignal(),
    getSource: () => text,
    setSource(value) {
      text = value;
      sharedModel.changed.emit(sharedModel, { sourceChange: [{ insert: value }] });
    }
  };
  const outputList = {
    items: outputs,
    changed: new FakeSignal(),
    get length() {
      return this.items.length;
    },
    get(index) {
      return this.items[index];
    }
  };
  const cell = {
    isDisposed: false,
    disposed: new FakeSignal(),
    ready: Promise.resolve(),
    model: { type, getMetadata: key => metadata[key], sharedModel, outputs: outputList },
    layout: {
      widgets: [],
      addWidget(widget) {
        widget.parent = cell;
        this.widgets.push(widget);
      }
    },
    setOutputs(items) {
      outputList.items = items;
      outputList.changed.emit(outputList, {});
    }
  };
  return cell;
}

/**
 * A notebook panel whose context is ready when `ready` resolves; `dispose()` emits `disposed` as Lumino does.
 * `cells` are its cells; its kernel (`sessionContext.session.kernel`) is ready at once; `context.saves` counts saves.
 */
function fakePanel(ready = Promise.resolve(), cells = []) {
  const node = new FakeElement(['jp-Notebook']);
  const context = {
    ready,
    isDisposed: false,
    saveState: new FakeSignal(),
    model: { dirty: false },
    saves: 0,
    save() {
      this.saves++;
      this.model.dirty = false;
      return Promise.resolve();
    }
  };
  return {
    isDisposed: false,
    disposed: new FakeSignal(),
    content: { node, widgets: cells, model: { cells: { changed: new FakeSignal() } } },
    context,
    sessionContext: {
      ready: Promise.resolve(),
      isDisposed: false,
      session: {
        kernel: {
          id: 'kernel-1',
          /** Code sent by itself (not a cell): logged in `lab.executed` as `{ code }`, between the cells run. */
          requestExecute(content) {
            lab.executed.push({ code: content.code, silent: content.silent });
            return { done: Promise.resolve() };
          }
        }
      },
      kernelChanged: new FakeSignal()
    },
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

module.exports = { FakeElement, FakeSignal, INotebookTracker, fakeCell, fakePanel, fakeTracker, keydown, lab };
