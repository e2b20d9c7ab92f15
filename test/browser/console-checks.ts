import AxeBuilder from '@axe-core/playwright';
import * as ExcelJS from 'exceljs';
import { readFileSync } from 'fs';
import { join } from 'path';
import type { Page } from 'playwright-core';
import { SCREENSHOTS } from './harness';

/**
 * Waits until nothing on the page is moving: no toast on screen, no select dropdown open, no finite CSS animation or
 * transition running and no element in one of rc-motion's enter/leave phases. A help text or toast fading out is
 * half-transparent text, which axe rightly reports as low contrast; what a person reads is the settled page.
 */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const moving =
        document.querySelector('.ant-message-notice') ||
        document.querySelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden)') ||
        document
          .getAnimations()
          // A spinner or an active progress bar loops for ever: only what comes to an end is waited for.
          .some((a) => a.playState === 'running' && a.effect?.getTiming().iterations !== Infinity) ||
        Array.from(document.querySelectorAll('[class*="-leave"], [class*="-enter"], [class*="-appear"]')).some((el) =>
          Array.from(el.classList).some((c) => /-(leave|enter|appear)(-start|-active|-prepare)?$/.test(c)),
        );
      return !moving;
    },
    null,
    { timeout: 15_000, polling: 100 },
  );
}

/**
 * Serious or critical axe violations of the settled page, or of the open dialog only (the page under a modal's mask
 * is dimmed on purpose and checked on its own).
 */
export async function axe(page: Page, name: string, dialog = false): Promise<void> {
  await settle(page);
  const builder = new AxeBuilder({ page });
  const result = await (dialog ? builder.include('.ant-modal-wrap:not([style*="display: none"])') : builder).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect({
    page: name,
    violations: bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  }).toEqual({ page: name, violations: [] });
}

export const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(SCREENSHOTS, `console-${name}.png`), fullPage: true });

/** The first sheet of a downloaded workbook as rows of cell texts. */
export async function readXlsx(path: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(path) as unknown as ExcelJS.Buffer);
  const rows: string[][] = [];
  wb.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}
