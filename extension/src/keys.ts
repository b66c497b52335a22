/**
 * Keys inside a quiz form or a course widget (class `course-widget`) do what they do in a web form: arrows move in
 * a radio group or a list, Enter and Space act, letters type. They never run the notebook's command-mode
 * shortcuts (ArrowDown, J, K, A, B, X, D D, Shift+Enter ...). Escape leaves for the notebook.
 *
 * JupyterLab hands every keydown to Lumino's command registry from a capture listener on `document`, which runs
 * before any widget sees the key, so stopping the event in the widget is too late. Lumino (>= 2.3) skips a
 * binding when it meets an element with `data-lm-suppress-shortcuts` while walking up from the key's target, but it
 * stops walking at the first element the binding's selector matches, and the notebook's command-mode selectors end
 * in `:focus`, which the focused control itself matches: the attribute must sit on the control. This guard sets it
 * on the control just before Lumino looks (a capture listener on `window` runs before one on `document`) and clears
 * it for Escape and for Ctrl/Cmd/Alt combinations, so Ctrl+S still saves and Escape still reaches the notebook.
 */
import { DisposableDelegate, IDisposable } from '@lumino/disposable';

export const GUARDED_ZONE = '.cq-form, .course-widget';
const SUPPRESS = 'data-lm-suppress-shortcuts';

export function installKeyGuard(leave: (zone: Element) => void): IDisposable {
  const onKeydown = (event: KeyboardEvent) => {
    const target = event.composedPath()[0];
    const zone = target instanceof Element ? target.closest(GUARDED_ZONE) : null;
    if (!zone) {
      return;
    }
    const control = target as Element;
    if (event.key === 'Escape') {
      control.removeAttribute(SUPPRESS);
      leave(zone);
    } else if (event.ctrlKey || event.metaKey || event.altKey) {
      control.removeAttribute(SUPPRESS);
    } else {
      control.setAttribute(SUPPRESS, '');
    }
  };
  window.addEventListener('keydown', onKeydown, true);
  return new DisposableDelegate(() => window.removeEventListener('keydown', onKeydown, true));
}
