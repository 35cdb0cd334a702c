import type { Page } from "@playwright/test";

/**
 * Types `text` and Enter the way a keyboard-wedge scanner does: a burst of keydown events with no
 * gap. Dispatched inside the page, because Playwright's own key events can arrive more than the
 * wedge's 50 ms apart on a busy machine (and would then count as a person typing).
 */
export async function wedgeScan(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => {
    for (const key of [...t, "Enter"]) {
      document.body.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
    }
  }, text);
}
