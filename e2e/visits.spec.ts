// Open visits, wait-time alerts and risky conversations (issue 4, parts 3, 4 and 6), live in
// Chromium: a kiosk walk-in appears on the desk; a wait alert appears once the server's clock
// passes the threshold (moved by the test clock, never slept) and clears when the visitor is
// picked up; a host picks up their visitor from "Mijn bezoekers"; during a risky conversation a
// colleague who is present gets the check-in prompt, and "Niet goed" raises an assistance alarm
// for the room (the alarm channel), shown on the desk's alarm panel and closed there.
// Every test makes its own visitors (and colleague): other specs share the e2e database and the
// server's clock, so lists are searched by id, never counted.
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { hashPassword } from "../src/domain/staff/passwords";
import { expect, test } from "./fixtures";
import { closeE2eDb, createTodayAppointmentWithInvite, e2eDb, uniqueSuffix } from "./support/appointments";
import { newSignedInContext, signInViaApi } from "./support/auth";
import { advanceServerClock } from "./support/clock";
import { DEMO_LOCATIONS, DEMO_USERS } from "./support/demo";
import {
  expectNoSeriousAxeViolations,
  openKiosk,
  pairKiosk,
  type StorageState,
  walkInFull,
  wedgeScan,
} from "./support/kiosk";

const CENTRUM = DEMO_LOCATIONS.centrum.id;
const MINUTE = 60_000;
const PASSWORD = "visits-e2e-password";

// Several browsers at once (kiosk, desk, host, colleague) on two shared cores.
test.describe.configure({ mode: "serial", timeout: 240_000 });
test.afterAll(closeE2eDb);

let kioskState: StorageState;
test.beforeAll(async ({ browser, baseURL }) => {
  kioskState = await pairKiosk(e2eDb(), browser, baseURL!, { name: `E2E kiosk visits ${uniqueSuffix()}` });
});

/** A name of letters only, unique across runs. */
const uniqueName = (base: string) =>
  `${base}${uniqueSuffix()
    .replace(/[^a-z]/g, "")
    .slice(0, 5)}`;

async function live(page: Page, path: string) {
  // The shared development server compiles a page on its first hit: give that time.
  await page.goto(path, { timeout: 60_000 });
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected", { timeout: 30_000 });
}

/** Through the house rules (first visit) to the checked-in greeting. */
async function passRules(page: Page) {
  const rulesOrWelcome = page.getByTestId("kiosk-rules").or(page.getByTestId("kiosk-outcome-checked-in"));
  await expect(rulesOrWelcome.first()).toBeVisible({ timeout: 20_000 });
  if (await page.getByTestId("kiosk-rules").isVisible()) await page.getByTestId("kiosk-accept").click();
  await expect(page.getByTestId("kiosk-outcome-checked-in")).toBeVisible();
}

async function visitIdOf(firstName: string): Promise<string> {
  const visit = await e2eDb().visit.findFirstOrThrow({
    where: { locationId: CENTRUM, visitor: { firstName } },
    orderBy: { checkedInAt: "desc" },
  });
  return visit.id;
}

/** A colleague of our own at Wijkbureau Centrum, signed in at the building (open StaffPresence). */
async function presentColleague(browser: Browser, baseURL: string) {
  const suffix = uniqueSuffix();
  const first = uniqueName("Collega");
  const staff = await e2eDb().staffMember.create({
    data: {
      name: `${first} Aanwezig`,
      email: `visits-${suffix}@e2e.test`,
      role: "STAFF",
      passwordHash: await hashPassword(PASSWORD),
      locations: { create: [{ locationId: CENTRUM }] },
    },
  });
  await e2eDb().staffPresence.create({
    data: { staffId: staff.id, locationId: CENTRUM, signedInAt: new Date(), signedInBy: "DASHBOARD" },
  });
  const context: BrowserContext = await browser.newContext({
    baseURL,
    locale: "nl-NL",
    timezoneId: "Europe/Amsterdam",
  });
  await signInViaApi(context.request, staff.email, PASSWORD);
  return { staff, context, page: await context.newPage() };
}

test("a walk-in appears on the desk; a wait alert appears after the threshold and clears when picked up", async ({
  browser,
  baseURL,
}) => {
  const desk = await newSignedInContext(browser, baseURL!, "reception");
  const kiosk = await openKiosk(browser, baseURL!, kioskState);
  try {
    await live(desk.page, "/nl/staff/desk");
    await expect(desk.page.getByTestId("desk-sound")).not.toBeChecked(); // sound is opt-in

    const firstName = uniqueName("Wacht");
    await walkInFull(kiosk.page, { firstName, lastName: "Lang", purpose: "Vraag over mijn uitkering" });
    await passRules(kiosk.page);
    const visitId = await visitIdOf(firstName);

    const row = desk.page.getByTestId(`desk-visit-${visitId}`);
    await expect(row).toBeVisible();
    await expect(row).toHaveAttribute("data-status", "WAITING");
    await expect(row).toContainText(`${firstName} L.`);
    // The purpose is not for the desk's eyes.
    await expect(row).not.toContainText("uitkering");

    const alert = desk.page.locator(`[data-testid="desk-alert-WAIT_TIME"][data-visit-id="${visitId}"]`);
    await expect(alert).toHaveCount(0);
    // Past the threshold (10 minutes at Centrum) on the server's clock; moving it runs due jobs.
    await advanceServerClock(desk.page.request, baseURL!, 10 * MINUTE + 5_000);
    await expect(alert).toBeVisible();
    await expect(alert).toContainText(`${firstName} L. wacht al 10 minuten`);
    await expect(row).toHaveAttribute("data-wait-level", "1");
    await expect(row.getByTestId("waiting-long")).toBeVisible();
    await expectNoSeriousAxeViolations(desk.page, "desk with a wait alert");

    // Picked up: the alert clears by itself, live.
    await row.getByTestId("desk-pick-up").click();
    await expect(alert).toHaveCount(0, { timeout: 30_000 });
    await expect(row).toHaveAttribute("data-status", "WITH_HOST");
    await row.getByTestId("desk-check-out").click();
    await expect(row).toHaveCount(0, { timeout: 30_000 });
  } finally {
    await kiosk.context.close();
    await desk.context.close();
  }
});

test("the host picks up from Mijn bezoekers; a present colleague is prompted in a risky conversation and “Niet goed” raises an alarm", async ({
  browser,
  baseURL,
}) => {
  const firstName = uniqueName("Risico");
  const { appointment, invite } = await createTodayAppointmentWithInvite(e2eDb(), {
    firstName,
    lastName: "Gesprek",
    hostId: DEMO_USERS.staff.id,
    purpose: "Gesprek over huisvesting (e2e)",
  });
  await e2eDb().appointment.update({
    where: { id: appointment.id },
    data: { risky: true, roomId: "room-centrum-spreek-2" },
  });
  const host = await newSignedInContext(browser, baseURL!, "staff");
  const desk = await newSignedInContext(browser, baseURL!, "reception");
  const colleague = await presentColleague(browser, baseURL!);
  const kiosk = await openKiosk(browser, baseURL!, kioskState);
  try {
    await live(host.page, "/nl/staff/my-visitors");
    await live(desk.page, "/nl/staff/desk");
    await live(colleague.page, "/nl/staff/my-visitors"); // any staff page: the notices are in the layout

    await wedgeScan(kiosk.page, invite);
    await passRules(kiosk.page);
    const visitId = await visitIdOf(firstName);

    // The host is told, with first name and initial only, and sees the visitor waiting.
    const arrived = host.page.getByTestId("staff-notice").filter({ hasText: `Je bezoeker ${firstName} G. is er` });
    await expect(arrived).toBeVisible();
    const card = host.page.getByTestId(`my-visit-${visitId}`);
    await expect(card).toHaveAttribute("data-status", "WAITING");
    await expect(card).toContainText("Gesprek over huisvesting (e2e)"); // the host may see the purpose
    await expect(card.getByTestId("flag-risky")).toBeVisible();
    await expectNoSeriousAxeViolations(host.page, "my visitors");

    // "Ik haal op": the conversation starts; the colleague present is told which room.
    await card.getByRole("button", { name: "Ik haal op" }).click();
    // Server actions on a busy two-core machine: allow them longer than the default 10 s.
    await expect(card).toHaveAttribute("data-status", "WITH_HOST", { timeout: 30_000 });
    await expect(desk.page.getByTestId(`desk-visit-${visitId}`)).toHaveAttribute("data-status", "WITH_HOST", {
      timeout: 30_000,
    });
    await expect(
      colleague.page
        .locator('[data-testid="staff-notice"][data-kind="risk-started"]')
        .filter({ hasText: "Spreekkamer 2" }),
    ).toBeVisible();

    // The check-in prompt comes after the interval (10 minutes), on the server's clock.
    await advanceServerClock(colleague.page.request, baseURL!, 10 * MINUTE + 5_000);
    const prompt = colleague.page.locator(
      `[data-testid="staff-notice"][data-kind="risk-prompt"][data-visit-id="${visitId}"]`,
    );
    await expect(prompt).toBeVisible();
    await expect(prompt).toContainText(`Risicogesprek in Spreekkamer 2 met ${DEMO_USERS.staff.name}: alles goed?`);
    await expectNoSeriousAxeViolations(colleague.page, "risk check prompt");
    await prompt.getByRole("button", { name: "Niet goed" }).click();
    await expect(prompt).toHaveCount(0, { timeout: 30_000 });

    // An assistance alarm for the room, through the alarm channel: on the desk's alarm panel.
    const raised = await e2eDb().alarm.findFirstOrThrow({
      where: { source: "RISK_CHECK", roomId: "room-centrum-spreek-2", status: { in: ["PENDING", "OPEN"] } },
      orderBy: { raisedAt: "desc" },
    });
    expect(raised.level).toBe("ASSISTANCE");
    const alarm = desk.page.locator(`[data-testid="desk-alarm"][data-alarm-id="${raised.id}"]`);
    await expect(alarm).toBeVisible({ timeout: 30_000 });
    await expect(alarm).toContainText("Spreekkamer 2");

    // The host ends the visit: gone from their list and the desk; no more prompts are scheduled.
    await card.getByTestId("my-end-visit").click();
    await expect(card).toHaveCount(0, { timeout: 30_000 });
    await expect(desk.page.getByTestId(`desk-visit-${visitId}`)).toHaveCount(0);
    expect(
      await e2eDb().scheduledJob.count({
        where: { key: { startsWith: `visit.risk_check:${visitId}:` }, status: "PENDING" },
      }),
    ).toBe(0);
    // All clear at the desk, so no alarm stays open for other specs.
    await alarm.getByText("Opgelost").click();
    await alarm.getByRole("button", { name: "Alarm afsluiten" }).click();
    await expect(alarm).toHaveCount(0, { timeout: 30_000 });
  } finally {
    await e2eDb().staffPresence.updateMany({
      where: { staffId: colleague.staff.id, signedOutAt: null },
      data: { signedOutAt: new Date(), signedOutBy: "DASHBOARD" },
    });
    await kiosk.context.close();
    await colleague.context.close();
    await desk.context.close();
    await host.context.close();
  }
});
