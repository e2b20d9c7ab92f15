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
  const moving = () =>
    page.evaluate(() => {
      const shown = (sel: string) => (document.querySelector(sel) ? sel : '');
      const running = document
        .getAnimations()
        // A spinner or an active progress bar loops for ever: only what comes to an end is waited for.
        .find((a) => a.playState === 'running' && a.effect?.getTiming().iterations !== Infinity);
      const phase = Array.from(document.querySelectorAll('[class*="-leave"], [class*="-enter"], [class*="-appear"]'))
        .flatMap((el) => Array.from(el.classList))
        .find((c) => /-(leave|enter|appear)(-start|-active|-prepare)?$/.test(c));
      return (
        shown('.ant-message-notice') ||
        shown('.ant-select-dropdown:not(.ant-select-dropdown-hidden)') ||
        (running ? `animation ${(running as CSSAnimation).animationName ?? running.constructor.name}` : '') ||
        (phase ? `motion ${phase}` : '')
      );
    });
  let last = '';
  for (const end = Date.now() + 15_000; Date.now() < end; await page.waitForTimeout(100)) {
    last = await moving();
    if (!last) return;
  }
  throw new Error(`the page did not settle within 15 s: ${last}`);
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

/** Every sheet of a downloaded workbook as rows of cell texts. */
export async function readXlsxSheets(path: string): Promise<string[][][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(path) as unknown as ExcelJS.Buffer);
  return wb.worksheets.map((sheet) => {
    const rows: string[][] = [];
    sheet.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    return rows;
  });
}

/** The first sheet of a downloaded workbook as rows of cell texts. */
export const readXlsx = async (path: string): Promise<string[][]> => (await readXlsxSheets(path))[0];

/** Signs in to the console by keyboard only: type, Tab, type, Enter; done when the header names the user. */
export async function signInByKeyboard(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/console/`);
  await page.getByTestId('signin-username').waitFor();
  await page.getByTestId('signin-username').focus();
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await page.getByTestId('current-user').waitFor();
}

/** Focuses an element and presses Enter: the action as a keyboard user does it. */
export async function press(page: Page, testId: string): Promise<void> {
  await page.getByTestId(testId).focus();
  await page.keyboard.press('Enter');
}
