// The visitor kiosk (issue 3): a kiosk registered by an admin and paired through the API the pair
// form uses; then, in the kiosk's own browser context: a walk-in check-in at Wijkbureau Centrum
// (FULL registration) with the house rules accepted; the demo client pass typed by a keyboard-wedge
// scanner; declining the house rules ("please ask the desk"); the inactivity reset, which leaves
// nothing of the previous visitor in the page; Arabic, right to left. Axe checks the screens.

import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { newSignedInContext } from "./support/auth";
import { DEMO_LOCATIONS } from "./support/demo";
import { wedgeScan } from "./support/wedge";

/** The seeded visitor's client pass (src/domain/seed/demo-seed.ts: DEMO_PASS, visitor "Sam"). */
const DEMO_PASS = "PP1.DEMQ7KX2PASS4WZ8";
const DEMO_PASS_FIRST_NAME = "Sam";

const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

/** An admin registers a kiosk at Centrum (through the device admin); a fresh context pairs with its code. */
async function pairCentrumKiosk(browser: Browser, baseURL: string): Promise<StorageState> {
  const admin = await newSignedInContext(browser, baseURL, "admin");
  try {
    await admin.page.goto("/nl/staff/admin/devices");
    // Hydrated and live before the first click.
    await expect(admin.page.getByRole("heading", { level: 1, name: "Apparaten" })).toBeVisible();
    await expect(admin.page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected", {
      timeout: 20_000,
    });
    await admin.page.getByTestId("register-device-open").click();
    const form = admin.page.getByTestId("register-device-form");
    await form.getByLabel("Naam").fill(unique("E2E kiosk-scherm "));
    await form.getByLabel("Soort apparaat").selectOption("KIOSK");
    await form.getByLabel("Locatie").selectOption(DEMO_LOCATIONS.centrum.id);
    await form.getByRole("button", { name: "Registreren en koppelcode maken" }).click();
    const shown = admin.page.getByTestId("pairing-code");
    await expect(shown).toHaveText(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    const code = (await shown.textContent())!.trim();

    const device = await browser.newContext({ baseURL, locale: "nl-NL", timezoneId: "Europe/Amsterdam" });
    try {
      const res = await device.request.post("/api/devices/pair", { data: { code } });
      expect(res.status(), await res.text()).toBe(200);
      return await device.storageState();
    } finally {
      await device.close();
    }
  } finally {
    await admin.context.close();
  }
}

/** The kiosk in its own browser context, on its idle screen and live. */
async function openKiosk(
  browser: Browser,
  baseURL: string,
  storageState: StorageState,
  setUp?: (page: Page) => Promise<void>,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    storageState,
    locale: "nl-NL",
    timezoneId: "Europe/Amsterdam",
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  await setUp?.(page);
  await page.goto("/nl/kiosk");
  await expect(page.getByTestId("kiosk-idle")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welkom");
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected", { timeout: 20_000 });
  return { context, page };
}

const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
async function expectNoSeriousAxeViolations(page: Page, screen: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${screen}: ${v.id}: ${v.help} (${v.nodes.length}×)`)).toEqual([]);
}

/** Fills the FULL walk-in form (Wijkbureau Centrum) and sends it. */
async function walkInFull(page: Page, firstName: string, lastName: string, purpose: string) {
  await page.getByTestId("kiosk-walk-in").click();
  const form = page.getByTestId("kiosk-walk-in-form");
  await expect(form).toBeVisible();
  await form.getByLabel("Voornaam").fill(firstName);
  await form.getByLabel("Achternaam").fill(lastName);
  await form.getByLabel("Bij wie komt u, of waarvoor komt u?").fill(purpose);
  await form.getByRole("button", { name: "Aanmelden" }).click();
}

test.describe("kiosk", () => {
  test.describe.configure({ timeout: 90_000 });

  let kioskState: StorageState;
  test.beforeAll(async ({ browser, baseURL }) => {
    test.setTimeout(90_000);
    kioskState = await pairCentrumKiosk(browser, baseURL!);
  });

  test("walk-in check-in at Centrum: the form, the house rules accepted, welcome with a leave code", async ({
    browser,
    baseURL,
  }) => {
    const { context, page } = await openKiosk(browser, baseURL!, kioskState);
    try {
      const historyLength = await page.evaluate(() => history.length);
      await expectNoSeriousAxeViolations(page, "idle");
      // An empty form is not sent: it says what is missing.
      await page.getByTestId("kiosk-walk-in").click();
      await page.getByTestId("kiosk-walk-in-submit").click();
      await expect(page.getByTestId("kiosk-form-errors")).toBeVisible();
      await expectNoSeriousAxeViolations(page, "walk-in form");
      await page.getByTestId("kiosk-back").click();

      const firstName = unique("Fatima");
      await walkInFull(page, firstName, "El Amrani", "Afspraak met Bram");
      const rules = page.getByTestId("kiosk-rules");
      await expect(rules).toBeVisible();
      await expect(rules).toHaveAttribute("data-rules-language", "nl");
      await expect(rules.getByRole("heading", { level: 1 })).toHaveText("Huisregels");
      await expect(rules).toContainText(`Welkom, ${firstName}. Lees eerst de huisregels.`);
      await expectNoSeriousAxeViolations(page, "house rules");
      await page.getByTestId("kiosk-accept").click();

      const done = page.getByTestId("kiosk-outcome-checked-in");
      await expect(done).toBeVisible();
      await expect(done.getByRole("heading", { level: 1 })).toHaveText(`Welkom, ${firstName}`);
      await expect(done).toContainText("Neemt u plaats.");
      await expect(done).toContainText("Wacht u langer dan 10 minuten? Meld u dan bij de balie.");
      await expect(page.getByTestId("kiosk-leave-code")).toHaveText(/^\d{6,7}$/);
      await expectNoSeriousAxeViolations(page, "checked in");
      // Nothing went into the browser history: the kiosk never changes its URL.
      await expect(page).toHaveURL(/\/nl\/kiosk$/);
      expect(await page.evaluate(() => history.length)).toBe(historyLength);
    } finally {
      await context.close();
    }
  });

  test("a keyboard-wedge scanner types the demo client pass and Enter: checked in, then out", async ({
    browser,
    baseURL,
  }) => {
    const { context, page } = await openKiosk(browser, baseURL!, kioskState);
    try {
      // Garbage from a scanner is ignored: the idle screen stays.
      await wedgeScan(page, "XQ-7-NOT-A-CODE");
      await page.waitForTimeout(500);
      await expect(page.getByTestId("kiosk-idle")).toBeVisible();

      // A wedge scanner: a fast burst of keys ending in Enter, anywhere on the idle screen.
      await wedgeScan(page, DEMO_PASS);
      const rulesOrWelcome = page.getByTestId("kiosk-rules").or(page.getByTestId("kiosk-outcome-checked-in"));
      await expect(rulesOrWelcome).toBeVisible();
      // The demo visitor accepts the current house rules once; later scans go straight in.
      if (await page.getByTestId("kiosk-rules").isVisible()) await page.getByTestId("kiosk-accept").click();
      const welcome = page.getByTestId("kiosk-outcome-checked-in");
      await expect(welcome.getByRole("heading", { level: 1 })).toHaveText(`Welkom, ${DEMO_PASS_FIRST_NAME}`);

      // Leaving: "Ik ga weg", then the same pass at the scanner.
      await page.getByTestId("kiosk-done").click();
      await page.getByTestId("kiosk-leave").click();
      await expect(page.getByTestId("kiosk-leave-screen")).toBeVisible();
      await wedgeScan(page, DEMO_PASS);
      const bye = page.getByTestId("kiosk-outcome-checked-out");
      await expect(bye.getByRole("heading", { level: 1 })).toHaveText(`Tot ziens, ${DEMO_PASS_FIRST_NAME}`);
    } finally {
      await context.close();
    }
  });

  test("declining the house rules: kindly sent to the desk", async ({ browser, baseURL }) => {
    const { context, page } = await openKiosk(browser, baseURL!, kioskState);
    try {
      await walkInFull(page, unique("Piet"), "de Vries", "Schuldhulp");
      await expect(page.getByTestId("kiosk-rules")).toBeVisible();
      await page.getByTestId("kiosk-decline").click();
      const desk = page.getByTestId("kiosk-outcome-see-desk");
      await expect(desk).toBeVisible();
      await expect(desk).toHaveAttribute("data-reason", "declined");
      await expect(desk.getByRole("heading", { level: 1 })).toHaveText("Wilt u naar de balie gaan?");
      await expectNoSeriousAxeViolations(page, "see desk");
      // A final answer returns to the start by itself.
      await expect(page.getByTestId("kiosk-idle")).toBeVisible({ timeout: 15_000 });
    } finally {
      await context.close();
    }
  });

  test("after 45 s without a touch the kiosk resets: nothing of the previous visitor remains", async ({
    browser,
    baseURL,
  }) => {
    const { context, page } = await openKiosk(browser, baseURL!, kioskState, (p) => p.clock.install());
    try {
      const name = unique("Wilhelmina");
      await page.getByTestId("kiosk-lang-en").click();
      await page.getByTestId("kiosk-walk-in").click();
      await page.getByTestId("kiosk-field-firstName").fill(name);
      await page.getByTestId("kiosk-field-lastName").fill("Oranje");
      await expect(page.getByTestId("kiosk-countdown")).toHaveCount(0);

      // The last 10 seconds show a countdown …
      await page.clock.fastForward(37_000);
      await expect(page.getByTestId("kiosk-countdown")).toBeVisible();
      await expect(page.getByTestId("kiosk-countdown")).toContainText("Are you still there?");
      // … then the kiosk is back at the start, in Dutch, with an empty form.
      await page.clock.fastForward(10_000);
      await expect(page.getByTestId("kiosk-idle")).toBeVisible();
      await expect(page.getByTestId("kiosk")).toHaveAttribute("data-language", "nl");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welkom");
      expect(await page.content()).not.toContain(name);
      await page.getByTestId("kiosk-walk-in").click();
      await expect(page.getByTestId("kiosk-field-firstName")).toHaveValue("");
      await expect(page).toHaveURL(/\/nl\/kiosk$/);
    } finally {
      await context.close();
    }
  });

  test("Arabic turns the kiosk right to left; each language is named in itself", async ({ browser, baseURL }) => {
    const { context, page } = await openKiosk(browser, baseURL!, kioskState);
    try {
      for (const [code, name] of [
        ["nl", "Nederlands"],
        ["en", "English"],
        ["ar", "العربية"],
        ["pl", "Polski"],
        ["tr", "Türkçe"],
      ]) {
        await expect(page.getByTestId(`kiosk-lang-${code}`)).toHaveText(name);
        await expect(page.getByTestId(`kiosk-lang-${code}`)).toHaveAttribute("lang", code);
      }
      const kiosk = page.getByTestId("kiosk");
      await expect(kiosk).toHaveAttribute("dir", "ltr");
      await page.getByTestId("kiosk-lang-ar").click();
      await expect(kiosk).toHaveAttribute("dir", "rtl");
      await expect(kiosk).toHaveAttribute("lang", "ar");
      await expect(page.getByTestId("kiosk-lang-ar")).toHaveAttribute("aria-pressed", "true");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("مرحبًا بكم");
      await expectNoSeriousAxeViolations(page, "idle (Arabic)");

      await page.getByTestId("kiosk-lang-pl").click();
      await expect(kiosk).toHaveAttribute("dir", "ltr");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Witamy");
    } finally {
      await context.close();
    }
  });

  // Last in this describe: it blocks leave codes at this spec's own kiosk for 15 minutes.
  test("guessing leave codes: after ten misses the kiosk kindly asks to wait or go to the desk (429)", async ({
    browser,
    baseURL,
  }) => {
    const { context, page } = await openKiosk(browser, baseURL!, kioskState);
    try {
      const guess = () => String(100000 + Math.floor(Math.random() * 899999));
      for (let i = 0; i < 10; i++) {
        const res = await context.request.post("/api/kiosk/check-out", {
          data: { input: { kind: "leave-code", code: guess() } },
        });
        expect(res.status(), `miss ${i + 1}`).toBe(200);
      }
      const refused = await context.request.post("/api/kiosk/check-out", {
        data: { input: { kind: "leave-code", code: guess() } },
        headers: { "accept-language": "en" },
      });
      expect(refused.status()).toBe(429);
      expect(await refused.json()).toMatchObject({
        code: "RATE_LIMITED",
        message: "Too many attempts. Please try again later.",
      });

      // On the screen: a kind message, not an error.
      await page.getByTestId("kiosk-leave").click();
      await expect(page.getByTestId("kiosk-leave-screen")).toBeVisible();
      await page.getByTestId("kiosk-leave-input").fill(guess());
      await page.getByTestId("kiosk-leave-input").press("Enter");
      const wait = page.getByTestId("kiosk-outcome-see-desk");
      await expect(wait).toHaveAttribute("data-reason", "slow-down");
      await expect(wait.getByRole("heading", { level: 1 })).toHaveText("Een ogenblik geduld, alstublieft");
      await expectNoSeriousAxeViolations(page, "slow down");
    } finally {
      await context.close();
    }
  });
});
