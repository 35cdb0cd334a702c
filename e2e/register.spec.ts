// The attendance register (aanwezigheidsregister), live in Chromium: a kiosk check-in on two
// dashboards at once, staff badges at the kiosk and at the desk scanner, the dashboard's one tap,
// the end-of-day sign-out (server clock moved, not slept) and its confirmation, the print view,
// and an axe scan. Every spec makes its own staff, badges and (for the end-of-day rule) location,
// because other specs share the e2e database.
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { hmac } from "../src/domain/crypto";
import { badgeHashInput } from "../src/domain/presence/rules";
import { hashPassword } from "../src/domain/staff/passwords";
import type { Role } from "../src/generated/prisma/enums";
import { expect, test } from "./fixtures";
import { closeE2eDb, createPassVisitor, e2eDb, serverHmacKey, uniqueSuffix } from "./support/appointments";
import { newSignedInContext, signInViaApi } from "./support/auth";
import { advanceServerClock, serverNow } from "./support/clock";
import { DEMO_LOCATIONS } from "./support/demo";
import { expectNoSeriousAxeViolations, openKiosk, pairKiosk, wedgeScan } from "./support/kiosk";

const CENTRUM = DEMO_LOCATIONS.centrum.id;
const PASSWORD = "register-e2e-password";
/** How soon a change must show on another dashboard, without reloading. */
const LIVE_MS = 10_000;

test.afterAll(closeE2eDb);

/** A staff member of our own, with a badge (BADGE-E2E…) and a password, at the given locations. */
async function makeStaff(opts: { role?: Role; locationIds?: string[]; first?: string } = {}) {
  const suffix = uniqueSuffix()
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "");
  const badge = `BADGE-E2E${suffix}`;
  const first = opts.first ?? `Reg${suffix.slice(-5)}`;
  const staff = await e2eDb().staffMember.create({
    data: {
      name: `${first} Testmedewerker`,
      email: `register-${suffix.toLowerCase()}@e2e.test`,
      role: opts.role ?? "STAFF",
      passwordHash: await hashPassword(PASSWORD),
      badgeHash: hmac(serverHmacKey(), badgeHashInput(badge)),
      locations: { create: (opts.locationIds ?? [CENTRUM]).map((locationId) => ({ locationId })) },
    },
  });
  return { ...staff, badge, first };
}

async function openRegister(page: Page, locationId: string = CENTRUM): Promise<void> {
  await page.goto(`/nl/staff/register?location=${locationId}`, { timeout: 60_000 });
  await expect(page.getByTestId("register-counts")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected", { timeout: 20_000 });
}

async function signedInAsOwn(browser: Browser, baseURL: string, email: string) {
  const context = await browser.newContext({ baseURL, locale: "nl-NL", timezoneId: "Europe/Amsterdam" });
  await signInViaApi(context.request, email, PASSWORD);
  return { context, page: await context.newPage() };
}

const staffRow = (page: Page, staffId: string) =>
  page.locator(`[data-testid="register-staff-row"][data-staff-id="${staffId}"]`);

test.describe("attendance register", () => {
  // Several browser contexts per test, and the development server compiles each page and server
  // action on first use: more than the default 30 s on a busy machine.
  test.describe.configure({ timeout: 120_000 });

  test("a kiosk check-in appears on two register dashboards without reloading", async ({ browser, baseURL }) => {
    const base = baseURL as string;
    const kioskState = await pairKiosk(e2eDb(), browser, base);
    const first = `Live${uniqueSuffix().slice(-5)}`;
    const { passId } = await createPassVisitor(e2eDb(), first, "Register");
    const desk = await newSignedInContext(browser, base, "reception");
    const manager = await newSignedInContext(browser, base, "manager");
    const kiosk = await openKiosk(browser, base, kioskState);
    const contexts: BrowserContext[] = [desk.context, manager.context, kiosk.context];
    try {
      await openRegister(desk.page);
      await openRegister(manager.page);
      await wedgeScan(kiosk.page, passId);
      const rules = kiosk.page.getByTestId("kiosk-rules");
      const welcome = kiosk.page.getByTestId("kiosk-outcome-checked-in");
      await expect(rules.or(welcome)).toBeVisible();
      if (await rules.isVisible()) await kiosk.page.getByTestId("kiosk-accept").click();
      await expect(welcome).toBeVisible();
      for (const page of [desk.page, manager.page]) {
        await expect(page.getByTestId("register-visitors")).toContainText(`${first} R.`, { timeout: LIVE_MS });
      }
      // Search and filter narrow the list; the purpose is never shown.
      await desk.page.getByTestId("register-search").fill(first);
      await expect(desk.page.getByTestId("register-visitor-row")).toHaveCount(1);
      await desk.page.getByRole("button", { name: "Medewerkers", exact: true }).click();
      await expect(desk.page.getByTestId("register-visitors")).toHaveCount(0);
      await desk.page.getByRole("button", { name: "Wachtend", exact: true }).click();
      await expect(desk.page.getByTestId("register-visitor-row")).toHaveCount(1);
    } finally {
      for (const c of contexts) await c.close();
    }
  });

  test("staff badge at the kiosk and at the desk scanner signs in and out, live on the register", async ({
    browser,
    baseURL,
  }) => {
    const base = baseURL as string;
    const kioskState = await pairKiosk(e2eDb(), browser, base);
    const staff = await makeStaff();
    const desk = await newSignedInContext(browser, base, "reception");
    const kiosk = await openKiosk(browser, base, kioskState);
    try {
      await openRegister(desk.page);
      await expect(staffRow(desk.page, staff.id)).toHaveCount(0);

      // At the kiosk (keyboard wedge): signed in, greeted by first name.
      await wedgeScan(kiosk.page, staff.badge);
      const greeting = kiosk.page.getByTestId("kiosk-outcome-staff-presence");
      await expect(greeting).toHaveAttribute("data-status", "signed-in");
      await expect(greeting).toContainText(staff.first);
      await expect(greeting).toContainText("aangemeld");
      await expect(staffRow(desk.page, staff.id)).toBeVisible({ timeout: LIVE_MS });
      await expect(staffRow(desk.page, staff.id)).toContainText("Pas (zuil)");
      // Back to the start like after a check-in.
      await kiosk.page.getByTestId("kiosk-done").click();
      await expect(kiosk.page.getByTestId("kiosk-idle")).toBeVisible();

      // The desk scanner (a USB scanner types the code and Enter): out, then in again.
      // (Past the double-scan window: the server's clock moves, the test does not sleep.)
      await advanceServerClock(desk.page.request, base, 15_000);
      // Nothing focused: a USB scanner's keystrokes go to the page, not into a field.
      await desk.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await wedgeScan(desk.page, staff.badge);
      await expect(desk.page.getByTestId("register-scanner-result")).toContainText(`${staff.name} is afgemeld`);
      await expect(desk.page.getByTestId("register-announcer")).toContainText("afgemeld");
      await expect(staffRow(desk.page, staff.id)).toHaveCount(0);
      await advanceServerClock(desk.page.request, base, 15_000);
      await desk.page.getByTestId("register-scanner-input").fill(staff.badge);
      await desk.page.getByTestId("register-scanner-input").press("Enter");
      await expect(desk.page.getByTestId("register-scanner-result")).toContainText(`${staff.name} is aangemeld`);
      await expect(staffRow(desk.page, staff.id)).toContainText("Pas (balie)");

      // And out at the kiosk again.
      await advanceServerClock(desk.page.request, base, 15_000);
      await wedgeScan(kiosk.page, staff.badge);
      await expect(greeting).toHaveAttribute("data-status", "signed-out");
      await expect(greeting).toContainText("afgemeld");
      await expect(staffRow(desk.page, staff.id)).toHaveCount(0, { timeout: LIVE_MS });

      // An unknown badge: the same kind answer as any unknown code.
      await kiosk.page.getByTestId("kiosk-done").click();
      await wedgeScan(kiosk.page, "BADGE-E2EUNKNOWN404");
      await expect(kiosk.page.getByTestId("kiosk-outcome-see-desk")).toBeVisible();
    } finally {
      await desk.context.close();
      await kiosk.context.close();
    }
  });

  test("one tap on the dashboard: I'm in, I'm leaving; the desk signs a colleague out", async ({
    browser,
    baseURL,
  }) => {
    const base = baseURL as string;
    const staff = await makeStaff();
    const me = await signedInAsOwn(browser, base, staff.email);
    const desk = await newSignedInContext(browser, base, "reception");
    try {
      await openRegister(desk.page);
      await me.page.goto("/nl/staff", { timeout: 60_000 });
      const card = me.page.locator(`[data-testid="presence-location"][data-location-id="${CENTRUM}"]`);
      await expect(me.page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected", {
        timeout: 20_000,
      });
      await card.getByRole("button", { name: "Ik ben binnen" }).click();
      await expect(card.getByRole("button", { name: "Ik ga weg" })).toBeVisible();
      await expect(staffRow(desk.page, staff.id)).toContainText("Dashboard", { timeout: LIVE_MS });

      await card.getByRole("button", { name: "Ik ga weg" }).click();
      await expect(card.getByRole("button", { name: "Ik ben binnen" })).toBeVisible();
      await expect(staffRow(desk.page, staff.id)).toHaveCount(0, { timeout: LIVE_MS });

      // The desk signs the colleague in and out for them; their dashboard follows.
      await desk.page.getByLabel("Collega aanmelden").selectOption(staff.id);
      await desk.page.getByTestId("register-sign-in-form").getByRole("button", { name: "Aanmelden" }).click();
      await expect(staffRow(desk.page, staff.id)).toBeVisible();
      await expect(card.getByRole("button", { name: "Ik ga weg" })).toBeVisible({ timeout: LIVE_MS });
      await staffRow(desk.page, staff.id)
        .getByRole("button", { name: `${staff.name} afmelden` })
        .click();
      await expect(staffRow(desk.page, staff.id)).toHaveCount(0);
      await expect(card.getByRole("button", { name: "Ik ben binnen" })).toBeVisible({ timeout: LIVE_MS });
    } finally {
      await me.context.close();
      await desk.context.close();
    }
  });

  test("end of day: still signed in at closing → signed out automatically, listed, confirmed", async ({
    browser,
    baseURL,
    request,
  }) => {
    const base = baseURL as string;
    const db = e2eDb();
    const suffix = uniqueSuffix();
    // Our own location closing in two to three minutes of server time, so moving the clock past
    // it disturbs no other spec.
    const now = await serverNow(request, base);
    const closing = new Date(Math.ceil((now.getTime() + 2 * 60_000) / 60_000) * 60_000);
    const closesAt = new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/Amsterdam",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).format(closing);
    const location = await db.location.create({
      data: { organisationId: "org-demo", name: `E2E Sluiting ${suffix}`, kind: "APPOINTMENT", closesAt },
    });
    const desk = await makeStaff({ role: "RECEPTION", locationIds: [location.id] });
    const { context, page } = await signedInAsOwn(browser, base, desk.email);
    try {
      // Sign in with one tap (this also schedules the location's end-of-day job).
      await page.goto("/nl/staff", { timeout: 60_000 });
      const card = page.locator(`[data-testid="presence-location"][data-location-id="${location.id}"]`);
      await card.getByRole("button", { name: "Ik ben binnen" }).click();
      await expect(card.getByRole("button", { name: "Ik ga weg" })).toBeVisible();

      await openRegister(page, location.id);
      await expect(staffRow(page, desk.id)).toBeVisible();
      await advanceServerClock(page.request, base, closing.getTime() - now.getTime() + 30_000);

      const pending = page.locator(`[data-testid="register-unconfirmed-row"][data-staff-id="${desk.id}"]`);
      await expect(pending).toBeVisible({ timeout: 10_000 });
      await expect(page.getByTestId("register-unconfirmed")).toContainText("Automatisch afgemeld");
      await expect(staffRow(page, desk.id)).toHaveCount(0);
      await pending.getByRole("button", { name: `Afmelding van ${desk.name} bevestigen` }).click();
      await expect(pending).toHaveCount(0, { timeout: 20_000 });
      await page.reload();
      await expect(page.getByTestId("register-counts")).toBeVisible();
      await expect(page.getByTestId("register-unconfirmed")).toHaveCount(0);
      const row = await db.staffPresence.findFirstOrThrow({ where: { staffId: desk.id } });
      expect(row.signedOutBy).toBe("END_OF_DAY");
      expect(row.confirmedById).toBe(desk.id);
    } finally {
      await context.close();
    }
  });

  test("print view and accessibility", async ({ page, signInAs }) => {
    await signInAs("reception");
    await openRegister(page);
    await expectNoSeriousAxeViolations(page, "register");
    await expect(page.getByTestId("register-print-link")).toHaveAttribute(
      "href",
      /\/nl\/staff\/register\/print\?location=loc-centrum/,
    );
    await page.goto("/nl/staff/register/print?location=loc-centrum");
    await expect(page.getByTestId("register-print")).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId("register-printed-at")).toContainText("Afgedrukt op");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Wijkbureau Centrum");
    await page.emulateMedia({ media: "print" });
    await expect(page.locator(".topbar")).toBeHidden();
    await expectNoSeriousAxeViolations(page, "register print");
  });
});
