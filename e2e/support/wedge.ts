import type { Page } from "@playwright/test";

/**
 * Types like a keyboard-wedge scanner: one burst of keydown events, each line ending in Enter
 * (several lines = an MRZ, as a document reader types it). Dispatched inside the page, because
 * Playwright's own key events can arrive more than the wedge's 50 ms apart on a busy machine
 * (and would then count as a person typing).
 */
export async function wedgeScan(page: Page, text: string | string[]): Promise<void> {
  const lines = typeof text === "string" ? [text] : text;
  await page.evaluate((ls) => {
    for (const line of ls) {
      for (const key of [...line, "Enter"]) {
        document.body.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
      }
    }
  }, lines);
}
