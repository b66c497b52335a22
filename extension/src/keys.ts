/**
 * Keys inside a quiz form or a course widget (class `course-widget`) do what they do in a web form: arrows move in
 * a radio group or a list, Enter and Space act, letters type. They never run the notebook's command-mode
 * shortcuts (ArrowDown, J, K, A, B, X, D D, Shift+Enter ...). Escape leaves for the notebook.
 *
 * JupyterLab hands every keydown to Lumino's command registry from a capture listener on `document`, which runs
 * before any widget sees the key, so stopping the event in the widget is too late. Lumino (>= 2.3) skips the
 * shortcuts of a key whose target sits inside an element with `data-lm-suppress-shortcuts`. This guard sets that
 * attribute on the zone just before Lumino looks (a capture listener on `window` runs before one on `document`),
 * and clears it for Escape and for Ctrl/Cmd/Alt combinations, so Ctrl+S still saves and Escape still reaches
 * the notebook.
 */
import { IDisposable } from '@lumino/disposable';

export const GUARDED_ZONE = '.cq-form, .course-widget';
const SUPPRESS = 'data-lm-suppress-shortcuts';

export function installKeyGuard(leave: (zone: Element) => void): IDisposable {
  const onKeydown = (event: KeyboardEvent) => {
    const target = event.composedPath()[0];
    const zone = target instanceof Element ? target.closest(GUARDED_ZONE) : null;
    if (!zone) {
      return;
    }
    if (event.key === 'Escape') {
      zone.removeAttribute(SUPPRESS);
      leave(zone);
    } else if (event.ctrlKey || event.metaKey || event.altKey) {
      zone.removeAttribute(SUPPRESS);
    } else {
      zone.setAttribute(SUPPRESS, '');
    }
  };
  window.addEventListener('keydown', onKeydown, true);
  let disposed = false;
  return {
    get isDisposed() {
      return disposed;
    },
    dispose() {
      disposed = true;
      window.removeEventListener('keydown', onKeydown, true);
    }
  };
}
