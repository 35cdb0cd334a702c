// Hardened edges in Chromium (issue 9, part 5): every page carries a nonce-based CSP and the
// security headers, Next's scripts run under it (the page hydrates and works), and neither the
// sign-in page, a staff page nor the kiosk (with its WebAssembly decoder) reports a CSP violation.
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { closeE2eDb, e2eDb } from "./support/appointments";
import { newSignedInContext } from "./support/auth";
import { openKiosk, pairKiosk } from "./support/kiosk";

/** Console messages of CSP violations seen by this page from now on. */
function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect|frame)/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

test.describe("security headers", () => {
  test.afterAll(closeE2eDb);

  test("the sign-in page: CSP with a nonce on every script, the other headers, and it works", async ({ page }) => {
    const violations = cspViolations(page);
    const response = await page.goto("/nl/login");
    const headers = response?.headers() ?? {};
    const csp = headers["content-security-policy"] ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("no-referrer");
    expect(headers["x-frame-options"]).toBe("DENY");
    const scripts = await page.locator("script").evaluateAll((els) => els.map((s) => (s as HTMLScriptElement).nonce));
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.every((n) => n === nonce)).toBe(true);
    // A second request gets another nonce.
    const again = await page.request.get("/nl/login");
    expect(again.headers()["content-security-policy"]).not.toContain(`'nonce-${nonce}'`);
    // Scripts run: a wrong password is answered on the page.
    await page.getByLabel("E-mailadres").fill("nobody@portier.demo");
    await page.getByLabel("Wachtwoord").fill("wrong password");
    await page.getByRole("button", { name: "Inloggen" }).click();
    await expect(page.getByTestId("sign-in-error")).toBeVisible();
    expect(violations).toEqual([]);
  });

  test("route handlers carry the security headers too", async ({ request }) => {
    const res = await request.get("/api/health");
    expect(res.headers()["x-content-type-options"]).toBe("nosniff");
    expect(res.headers()["x-frame-options"]).toBe("DENY");
  });

  test("a staff page and the kiosk run without a CSP violation", async ({ browser, baseURL }) => {
    test.setTimeout(60_000); // two browser contexts, a pairing and the scanner's start: ~20 s alone, more under load
    const desk = await newSignedInContext(browser, baseURL!, "reception");
    try {
      const violations = cspViolations(desk.page);
      await desk.page.goto("/nl/staff/desk?location=loc-centrum");
      await expect(desk.page.getByRole("heading", { level: 1 })).toBeVisible();
      await desk.page.getByRole("link", { name: "Aanwezig" }).first().click();
      await expect(desk.page).toHaveURL(/\/staff\/register/);
      expect(violations).toEqual([]);
    } finally {
      await desk.context.close();
    }
    const kioskState = await pairKiosk(e2eDb(), browser, baseURL!, { name: "E2E kiosk CSP" });
    const kiosk = await openKiosk(browser, baseURL!, kioskState);
    try {
      const violations = cspViolations(kiosk.page);
      await kiosk.page.reload();
      await expect(kiosk.page.getByTestId("kiosk-idle")).toBeVisible();
      await kiosk.page
        .getByTestId("kiosk-start")
        .click()
        .catch(() => undefined);
      await kiosk.page.waitForTimeout(1500); // let the scanner's worker and WebAssembly start
      expect(violations).toEqual([]);
    } finally {
      await kiosk.context.close();
    }
  });
});
