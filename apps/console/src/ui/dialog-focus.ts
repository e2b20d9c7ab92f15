/**
 * antd's Modal focuses its own panel once it has opened, after any `autoFocus` field took the focus. Passed as a
 * Modal's `afterOpenChange`, this puts the focus in the dialog's first enabled field instead, so a keyboard user can
 * type at once.
 */
export function focusFirstField(open: boolean): void {
  if (!open) return;
  const bodies = document.querySelectorAll<HTMLElement>('.ant-modal-body');
  const body = bodies[bodies.length - 1];
  body
    ?.querySelector<HTMLElement>(
      'input:not([disabled]):not([type="hidden"]), textarea:not([disabled]), [role="combobox"]:not([aria-disabled="true"])',
    )
    ?.focus();
}
