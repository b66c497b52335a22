/**
 * What screen readers need from ipywidgets' own DOM inside course widgets, set on the nodes ipywidgets keeps:
 *
 * - a widget with the class `course-live` becomes the polite status region once, so it exists before its first
 *   update and every later update (ipywidgets replaces the content, not the node) is announced;
 * - a button's icon-font glyph is hidden from its accessible name ("Check", not "\uf00c Check");
 * - a radio group gets its description as a group name;
 * - a slider's handle and its typed readout get the slider's description as their name, and the handle says the
 *   value the readout shows (noUiSlider's own aria-valuetext can read 0.8300000000000001 or lag behind a move).
 *
 * One MutationObserver on the document: ipywidgets builds views at any time (a cell run, a card's controls shown).
 */
import { DisposableDelegate, IDisposable } from '@lumino/disposable';

export const COURSE_WIDGET = '.course-widget';

function describe(widget: Element): string {
  return widget.querySelector(':scope > .widget-label')?.textContent?.trim() ?? '';
}

function setIfChanged(element: Element, name: string, value: string): void {
  if (element.getAttribute(name) !== value) {
    element.setAttribute(name, value);
  }
}

function liveRegion(element: Element): void {
  setIfChanged(element, 'role', 'status');
  setIfChanged(element, 'aria-live', 'polite');
}

function slider(widget: Element): void {
  const name = describe(widget);
  const handle = widget.querySelector('.noUi-handle');
  const readout = widget.querySelector('.widget-readout');
  if (handle && name) {
    setIfChanged(handle, 'aria-label', name);
  }
  if (readout) {
    setIfChanged(readout, 'role', 'textbox');
    if (name) {
      setIfChanged(readout, 'aria-label', `${name}: type a value`);
    }
    const shown = readout.textContent?.trim() ?? '';
    const value = Number.parseFloat(shown);
    if (handle && shown && !Number.isNaN(value)) {
      setIfChanged(handle, 'aria-valuetext', shown);
      setIfChanged(handle, 'aria-valuenow', String(value));
    }
  }
}

function radioGroup(widget: Element): void {
  const box = widget.querySelector(':scope > .widget-radio-box');
  const name = describe(widget);
  if (box) {
    setIfChanged(box, 'role', 'radiogroup');
    if (name) {
      setIfChanged(box, 'aria-label', name);
    }
  }
}

/** Apply everything to the course widgets in `root` (idempotent: only attributes that differ are written). */
export function mendCourseWidgets(root: ParentNode): void {
  root.querySelectorAll('.course-live').forEach(liveRegion);
  root.querySelectorAll(`${COURSE_WIDGET} button > i.fa`).forEach(icon => setIfChanged(icon, 'aria-hidden', 'true'));
  root.querySelectorAll(`${COURSE_WIDGET} .widget-radio`).forEach(radioGroup);
  root.querySelectorAll(`${COURSE_WIDGET} .widget-slider`).forEach(slider);
}

export function installWidgetAria(root: HTMLElement = document.body): IDisposable {
  let pending = false;
  const observer = new MutationObserver(mutations => {
    // Only outputs (where course widgets live) matter; coalesce a burst of mutations (a whole lesson rendering) into one pass.
    const relevant = mutations.some(m => {
      const node = m.target instanceof Element ? m.target : m.target.parentElement;
      return node?.closest(`${COURSE_WIDGET}, .course-live, .jp-OutputArea`);
    });
    if (relevant && !pending) {
      pending = true;
      queueMicrotask(() => {
        pending = false;
        mendCourseWidgets(root);
      });
    }
  });
  observer.observe(root, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['aria-valuetext', 'aria-valuenow']
  });
  mendCourseWidgets(root);
  return new DisposableDelegate(() => observer.disconnect());
}
