const focusable = (el: Element | null | undefined): el is HTMLElement =>
  el instanceof HTMLElement && el.isConnected && !(el as HTMLButtonElement).disabled;

/** The first field of a dialog, form or region: what a keyboard user types into first. */
export function firstField(root: ParentNode | null | undefined): HTMLElement | null {
  return (
    root?.querySelector<HTMLElement>(
      'input:not([disabled]):not([type=hidden]):not([type=file]), textarea:not([disabled]), select:not([disabled])',
    ) ?? null
  );
}

/**
 * antd focuses a dialog's frame once its opening animation ends, after any `autoFocus` field took the focus. Passed as
 * a Modal's `afterOpenChange`, this puts the focus into the open dialog's first field instead, so a keyboard user can
 * type at once. Keep the Modal mounted (`open`), so that antd gives the focus back to the control that opened it.
 */
export function focusFirstField(open: boolean): void {
  if (!open) return;
  const bodies = document.querySelectorAll<HTMLElement>('.ant-modal-body');
  firstField(bodies[bodies.length - 1])?.focus();
}

/**
 * Keeps a keyboard user's place when an action removes or disables the focused control (a reviewed row leaves the
 * queue, a bulk button turns off): if the focus falls to the page within the next moments, it moves to the first of
 * `targets` that can take it, else to the main region.
 */
export function keepFocus(...targets: (() => Element | null | undefined)[]): void {
  // Watched for a while, not once: a target may itself leave when the refetched rows replace the old ones.
  const until = Date.now() + 2500;
  const timer = setInterval(() => {
    const active = document.activeElement;
    if (!active || active === document.body || !focusable(active)) {
      const next = [...targets, () => document.getElementById('main')].map((t) => t()).find(focusable);
      next?.focus();
    }
    if (Date.now() > until) clearInterval(timer);
  }, 50);
}
