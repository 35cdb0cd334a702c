// The `test` that specs import: Playwright's, plus sign-in helpers bound to the test's page.
//   test("…", async ({ page, signInAs }) => { await signInAs("reception"); await page.goto("/nl/staff"); });
import { test as base, expect } from "@playwright/test";
import { type SessionUser, signInAs as signInAsVia } from "./support/auth";
import type { DemoUserKey } from "./support/demo";

interface Fixtures {
  /** Signs the test's browser context in as a demo user through the API (no UI). */
  signInAs: (user: DemoUserKey) => Promise<SessionUser>;
}

export const test = base.extend<Fixtures>({
  signInAs: async ({ page }, use) => {
    await use((user) => signInAsVia(page.request, user));
  },
});

export { expect };
