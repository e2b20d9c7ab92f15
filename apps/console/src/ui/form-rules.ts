import type { FormRule } from 'antd';

/**
 * "Pick at least one" for a radio or checkbox group. A `required` rule would make antd put `aria-required` on the
 * group's plain <div>, which ARIA does not allow there (axe: aria-allowed-attr); the radios and boxes say it instead.
 */
export const picked = (message: string): FormRule => ({
  validator: (_, value: unknown) =>
    (Array.isArray(value) ? value.length > 0 : value !== undefined && value !== null && value !== '')
      ? Promise.resolve()
      : Promise.reject(new Error(message)),
});
