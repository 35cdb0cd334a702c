// Automated WCAG checks (axe) on the screens that exist so far, in both languages. axe finds
// only part of the problems; keyboard and screen-reader checks stay manual.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";
import type { Locale } from "./support/demo";

const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

for (const locale of ["nl", "en"] as Locale[]) {
  test(`the ${locale} login page has no detectable WCAG A/AA violations`, async ({ page }) => {
    await page.goto(`/${locale}/login`);
    const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
    expect(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}×)`)).toEqual([]);
  });
}

test("the staff home has no detectable WCAG A/AA violations", async ({ page, signInAs }) => {
  await signInAs("reception");
  await page.goto("/nl/staff");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}×)`)).toEqual([]);
});
