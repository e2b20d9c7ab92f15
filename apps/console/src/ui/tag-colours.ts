/** Solid tag colours with white text that keep WCAG AA contrast (antd's light presets do not, e.g. success). */
export const TAG = {
  ok: '#237804',
  bad: '#c41d1f',
  warn: '#ad4e00',
  info: '#1f5fa8',
} as const;
