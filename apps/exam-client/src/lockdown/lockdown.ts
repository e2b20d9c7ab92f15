import type { EventDetail, IntegrityEventType } from '@jianding/api-client';

export interface LockdownOptions {
  win: Window;
  doc: Document;
  /** Called for every integrity event to record. */
  onEvent: (type: IntegrityEventType, detail?: EventDetail) => void;
  onOnline?: () => void;
  onOffline?: () => void;
  onFullscreenChange?: (fullscreen: boolean) => void;
}

/** A blocked shortcut: what to log it as and a readable name for the proctor. */
interface Shortcut {
  type: IntegrityEventType;
  name: string;
}

/**
 * Recognise the shortcuts an exam page blocks: print (Ctrl/⌘+P), save (Ctrl/⌘+S), view source (Ctrl/⌘+U),
 * developer tools (F12, Ctrl+Shift+I/J/C, ⌘+⌥+I/J/C). Save and view source have no event type of their
 * own and are logged as `devtools_shortcut` with the shortcut named in the detail.
 */
export function blockedShortcut(
  e: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>,
): Shortcut | null {
  const key = e.key.length === 1 ? e.key.toUpperCase() : e.key;
  const mod = e.ctrlKey || e.metaKey;
  const prefix = e.metaKey && !e.ctrlKey ? 'Meta' : 'Ctrl';
  if (key === 'F12') return { type: 'devtools_shortcut', name: 'F12' };
  if (mod && (e.shiftKey || e.altKey) && ['I', 'J', 'C'].includes(letter(e))) {
    return { type: 'devtools_shortcut', name: `${prefix}+${e.shiftKey ? 'Shift' : 'Alt'}+${letter(e)}` };
  }
  if (mod && !e.shiftKey && !e.altKey) {
    if (letter(e) === 'P') return { type: 'print', name: `${prefix}+P` };
    if (letter(e) === 'S') return { type: 'devtools_shortcut', name: `${prefix}+S` };
    if (letter(e) === 'U') return { type: 'devtools_shortcut', name: `${prefix}+U` };
  }
  return null;
}

/** The letter of a key press even when Alt/Option changed `key` (⌥+I gives "ˆ" on a Mac). */
function letter(e: Pick<KeyboardEvent, 'key' | 'code'>): string {
  if (e.code?.startsWith('Key')) return e.code.slice(3);
  return e.key.length === 1 ? e.key.toUpperCase() : '';
}

/**
 * Lock the page down as far as a browser allows, and log what the candidate tried. Returns the undo.
 * Fullscreen itself is enforced by the exam screen (an overlay covers the questions when it is left).
 */
export function installLockdown({
  win,
  doc,
  onEvent,
  onOnline,
  onOffline,
  onFullscreenChange,
}: LockdownOptions): () => void {
  const off: (() => void)[] = [];
  const on = <K extends string>(target: EventTarget, type: K, fn: (e: Event) => void, capture = true) => {
    target.addEventListener(type, fn, { capture });
    off.push(() => target.removeEventListener(type, fn, { capture }));
  };

  for (const type of ['copy', 'cut', 'paste', 'contextmenu'] as const) {
    on(doc, type, (e) => {
      e.preventDefault();
      onEvent(type);
    });
  }
  // Dragging text out of (or into) the page is copying by other means.
  for (const type of ['dragstart', 'drop', 'selectstart'] as const) on(doc, type, (e) => e.preventDefault());

  on(win, 'keydown', (e) => {
    const ke = e as KeyboardEvent;
    const hit = blockedShortcut(ke);
    if (!hit) return;
    ke.preventDefault();
    ke.stopPropagation();
    onEvent(hit.type, { shortcut: hit.name });
  });

  on(win, 'beforeprint', () => onEvent('print', { via: 'beforeprint' }));
  on(win, 'blur', () => onEvent('blur'), false);
  on(win, 'focus', () => onEvent('focus'), false);
  on(doc, 'visibilitychange', () =>
    onEvent(doc.visibilityState === 'hidden' ? 'visibility_hidden' : 'visibility_visible'),
  );
  on(doc, 'fullscreenchange', () => {
    const fullscreen = doc.fullscreenElement != null;
    onEvent(fullscreen ? 'fullscreen_enter' : 'fullscreen_exit');
    onFullscreenChange?.(fullscreen);
  });
  on(win, 'online', () => {
    onEvent('network_online');
    onOnline?.();
  });
  on(win, 'offline', () => {
    onEvent('network_offline');
    onOffline?.();
  });

  return () => {
    for (const undo of off.splice(0)) undo();
  };
}

/** Whether this page load was a reload (F5, ⌘R, the reload button). */
export function wasReloaded(perf: Pick<Performance, 'getEntriesByType'> | undefined = globalThis.performance): boolean {
  try {
    const nav = perf?.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    return nav?.type === 'reload';
  } catch {
    return false;
  }
}
