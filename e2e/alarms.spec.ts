// The alarm channel (noodknop) in Chromium with three browser contexts at once: the room tablet,
// a responder's pager and the desk. Press and hold on the tablet → the pager has it (and its
// delivery receipt is stored) → "Ik kom eraan" → the tablet shows help is coming → all clear at
// the desk with an outcome → an Incident DRAFT exists for the alarm. The cancel window pages
// nobody; escalation reaches "Bel 112" at the desk when the server's clock is moved; axe scans
// of the tablet and the pager. Every test builds its own location, room, staff and rota, because
// other specs share the e2e database (and whoever is present decides who is paged).
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { currentWeek } from "../src/domain/alarms/incident-team";
import { hashPassword } from "../src/domain/staff/passwords";
import type { Role } from "../src/generated/prisma/enums";
import { expect, test } from "./fixtures";
import { closeE2eDb, e2eDb, uniqueSuffix } from "./support/appointments";
import { signInViaApi } from "./support/auth";
import { advanceServerClock, serverNow, withServerClockHeld } from "./support/clock";
import { DEMO_LOCATIONS } from "./support/demo";
import { expectNoSeriousAxeViolations, pairKiosk, type StorageState } from "./support/kiosk";

const PASSWORD = "alarm-e2e-password";
/** The cancel window (5 s) plus the scheduler and delivery, on a busy machine. */
const PAGED_MS = 20_000;
const LIVE_MS = 10_000;

test.afterAll(closeE2eDb);

interface Site {
  locationId: string;
  locationName: string;
  roomId: string;
  roomName: string;
  responder: { id: string; email: string; name: string };
  desk: { id: string; email: string; name: string };
  tablet: StorageState;
}

async function makeStaff(locationId: string, role: Role, first: string) {
  const suffix = uniqueSuffix().toLowerCase();
  return e2eDb().staffMember.create({
    data: {
      name: `${first} Alarmtest`,
      email: `alarm-${suffix}@e2e.test`,
      role,
      passwordHash: await hashPassword(PASSWORD),
      locations: { create: [{ locationId }] },
    },
    select: { id: true, email: true, name: true },
  });
}

/** A location of our own with a consulting room, a paired room tablet, a responder on this week's rota and a desk. */
async function makeSite(browser: Browser, baseURL: string): Promise<Site> {
  const db = e2eDb();
  const suffix = uniqueSuffix();
  const centrum = await db.location.findUniqueOrThrow({ where: { id: DEMO_LOCATIONS.centrum.id } });
  const location = await db.location.create({
    data: {
      organisationId: centrum.organisationId,
      name: `Alarmlocatie ${suffix}`,
      kind: "WALK_IN",
      timeZone: "Europe/Amsterdam",
      deskPhone: "020 123 4567",
      emergencyContacts: "Wijkagent: 06 1234 5678\nBeveiliging: 020 765 4321",
      alarmEscalateAllSeconds: 30,
      alarmCall112Seconds: 90,
    },
  });
  const room = await db.room.create({
    data: { locationId: location.id, name: "Spreekkamer E2E", floor: "2", kind: "CONSULT" },
  });
  const responder = await makeStaff(location.id, "STAFF", `Hulp${suffix.slice(-4)}`);
  const desk = await makeStaff(location.id, "RECEPTION", `Balie${suffix.slice(-4)}`);
  // This week on the SERVER's clock (other specs move it forward).
  const probe = await browser.newContext({ baseURL });
  const weekStart = currentWeek(await serverNow(probe.request, baseURL), location.timeZone);
  await probe.close();
  await db.incidentTeamMember.create({ data: { locationId: location.id, weekStart, staffId: responder.id } });
  const tablet = await pairKiosk(db, browser, baseURL, {
    kind: "ROOM_TABLET",
    locationId: location.id,
    roomId: room.id,
    name: `Tablet ${suffix}`,
  });
  return {
    locationId: location.id,
    locationName: location.name,
    roomId: room.id,
    roomName: room.name,
    responder,
    desk,
    tablet,
  };
}

async function signedIn(browser: Browser, baseURL: string, email: string) {
  const context = await browser.newContext({ baseURL, locale: "nl-NL", timezoneId: "Europe/Amsterdam" });
  await signInViaApi(context.request, email, PASSWORD);
  return { context, page: await context.newPage() };
}

async function expectConnected(page: Page) {
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected", { timeout: 20_000 });
}

/** The responder says "Ik ben er" on the staff home (the attendance register), then opens the pager. */
async function openPager(browser: Browser, baseURL: string, site: Site) {
  const r = await signedIn(browser, baseURL, site.responder.email);
  await r.page.goto("/nl/staff", { timeout: 60_000 });
  const here = r.page.locator(`[data-testid="presence-location"][data-location-id="${site.locationId}"]`);
  await here.getByTestId("presence-toggle").click();
  await expect(here.getByTestId("presence-toggle")).toHaveAttribute("aria-pressed", "true");
  await r.page.goto("/nl/staff/alarms", { timeout: 60_000 });
  await expect(r.page.getByTestId("pager")).toBeVisible();
  await expectConnected(r.page);
  return r;
}

async function openDesk(browser: Browser, baseURL: string, site: Site) {
  const d = await signedIn(browser, baseURL, site.desk.email);
  await d.page.goto(`/nl/staff/desk?location=${site.locationId}`, { timeout: 60_000 });
  await expect(d.page.getByTestId("desk-alarms")).toBeVisible();
  await expectConnected(d.page);
  return d;
}

async function openTablet(browser: Browser, baseURL: string, site: Site) {
  const context = await browser.newContext({
    baseURL,
    storageState: site.tablet,
    locale: "nl-NL",
    timezoneId: "Europe/Amsterdam",
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  await page.goto("/nl/panic", { timeout: 60_000 });
  await expect(page.getByTestId("panic-idle")).toBeVisible();
  await expectConnected(page);
  return { context, page };
}

/** Press and hold with the mouse (pointer events), for `ms`. */
async function pressAndHold(page: Page, testId: string, ms: number) {
  const box = await page.getByTestId(testId).boundingBox();
  if (!box) throw new Error(`${testId} is not on screen`);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.waitForTimeout(ms);
  await page.mouse.up();
}

async function roomAlarmId(roomId: string, status?: "PENDING" | "OPEN" | "CANCELLED" | "CLOSED") {
  const alarm = await e2eDb().alarm.findFirst({
    where: { roomId, ...(status ? { status } : {}) },
    orderBy: { raisedAt: "desc" },
  });
  return alarm?.id ?? null;
}

test.describe("alarms (noodknop)", () => {
  test.describe.configure({ timeout: 180_000 });

  test("press and hold → pager → Ik kom eraan → help is coming on the tablet → all clear at the desk → incident draft", async ({
    browser,
    baseURL,
  }) => {
    const base = baseURL as string;
    const site = await makeSite(browser, base);
    const contexts: BrowserContext[] = [];
    try {
      const pager = await openPager(browser, base, site);
      contexts.push(pager.context);
      const desk = await openDesk(browser, base, site);
      contexts.push(desk.context);
      const tablet = await openTablet(browser, base, site);
      contexts.push(tablet.context);

      // The tablet knows the one responder on the rota is present and connected.
      await expect(tablet.page.getByTestId("tablet-reachable")).toHaveText("1 hulpverlener bereikbaar", {
        timeout: LIVE_MS,
      });
      await expectNoSeriousAxeViolations(tablet.page, "tablet idle");
      await expect(pager.page.getByTestId("pager-none")).toBeVisible();
      await expectNoSeriousAxeViolations(pager.page, "pager idle");

      // A short press does nothing.
      await pressAndHold(tablet.page, "panic-hold-EMERGENCY", 250);
      await expect(tablet.page.getByTestId("panic-idle")).toBeVisible();
      expect(await roomAlarmId(site.roomId)).toBeNull();

      // Press and hold: the cancel window, on this tablet only (no other test moves the clock through it).
      await withServerClockHeld(tablet.context.request, base, async () => {
        await pressAndHold(tablet.page, "panic-hold-EMERGENCY", 1_300);
        await expect(tablet.page.getByTestId("panic-pending")).toBeVisible();
        await expect(tablet.page.getByRole("button", { name: "Annuleren" })).toBeVisible();
        await expect(pager.page.getByTestId("pager-alert")).toHaveCount(0);
      });

      // After the window the pager has it, full screen, with room and floor and the level.
      const alert = pager.page.getByTestId("pager-alert");
      await expect(alert).toBeVisible({ timeout: PAGED_MS });
      await expect(alert.getByRole("heading", { level: 1 })).toHaveText("ALARM: Nood");
      await expect(alert.getByTestId("pager-alert-room")).toHaveText("Spreekkamer E2E, verdieping 2");
      await expect(alert).toHaveAttribute("data-test", "false");
      const alarmId = (await alert.getAttribute("data-alarm-id")) as string;
      expect(alarmId).toBeTruthy();
      // Proof of delivery: the pager acknowledged the page, and reported it seen.
      await expect
        .poll(async () => {
          const page = await e2eDb().alarmPage.findUnique({
            where: { alarmId_staffId: { alarmId, staffId: site.responder.id } },
          });
          return { delivered: !!page?.deliveredAt, seen: !!page?.seenAt };
        })
        .toEqual({ delivered: true, seen: true });
      await expectNoSeriousAxeViolations(pager.page, "pager alert");

      // Before anyone answers, the tablet says the alarm went out and lists the responder.
      await expect(tablet.page.getByTestId("panic-sent")).toBeVisible({ timeout: LIVE_MS });
      const onTablet = tablet.page.locator(`[data-testid="alarm-responder"][data-staff-id="${site.responder.id}"]`);
      await expect(onTablet).toHaveAttribute("data-state", "seen", { timeout: LIVE_MS });

      await alert.getByRole("button", { name: "Ik kom eraan" }).click();
      await expect(alert).toHaveCount(0);
      await expect(pager.page.getByTestId("pager-my-answer")).toHaveText("Jouw antwoord: Komt eraan");

      // The presser sees help is coming, per responder.
      await expect(tablet.page.getByTestId("panic-help-coming")).toContainText("Hulp is onderweg", {
        timeout: LIVE_MS,
      });
      await expect(onTablet).toHaveAttribute("data-state", "coming");
      await expectNoSeriousAxeViolations(tablet.page, "tablet help coming");
      // After a reload the tablet shows the room's open alarm again.
      await tablet.page.reload();
      await expect(tablet.page.getByTestId("panic-help-coming")).toBeVisible();
      await expect(tablet.page.getByTestId("panic-open")).toHaveAttribute("data-alarm-id", alarmId);
      await expectConnected(tablet.page);

      // The desk follows it per responder and gives the all clear.
      const deskAlarm = desk.page.locator(`[data-testid="desk-alarm"][data-alarm-id="${alarmId}"]`);
      await expect(deskAlarm).toBeVisible({ timeout: LIVE_MS });
      await expect(
        deskAlarm.locator(`[data-testid="alarm-responder"][data-staff-id="${site.responder.id}"]`),
      ).toHaveAttribute("data-state", "coming");
      await deskAlarm.getByText("Opgelost").click();
      await deskAlarm.getByLabel("Notitie (optioneel)").fill("Cliënt gekalmeerd, gesprek beëindigd.");
      await deskAlarm.getByRole("button", { name: "Alarm afsluiten" }).click();
      const draft = desk.page.getByTestId("alarm-incident-draft");
      await expect(draft).toContainText("Incidentmelding (concept) aangemaakt");
      await expect(deskAlarm).toHaveCount(0);

      // The tablet returns to normal; the pager's list empties.
      await expect(tablet.page.getByTestId("panic-idle")).toBeVisible({ timeout: LIVE_MS });
      await expect(pager.page.getByTestId("pager-none")).toBeVisible({ timeout: LIVE_MS });

      // An Incident DRAFT linked to the alarm, the one the desk named; the alarm closed with its outcome.
      const incident = await e2eDb().incident.findUnique({ where: { alarmId } });
      expect(incident?.status).toBe("DRAFT");
      await expect(draft).toHaveAttribute("data-incident-id", incident?.id as string);
      const closed = await e2eDb().alarm.findUniqueOrThrow({ where: { id: alarmId } });
      expect({ status: closed.status, outcome: closed.outcome }).toEqual({ status: "CLOSED", outcome: "RESOLVED" });

      // The timeline, from the desk's link.
      await desk.page.getByTestId("desk-alarm-closed").getByRole("link", { name: "Tijdlijn" }).click();
      await expect(desk.page.getByTestId("alarm-timeline")).toBeVisible();
      const kinds = await desk.page
        .getByTestId("alarm-timeline-entry")
        .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-kind")));
      for (const kind of ["raised", "opened", "paged", "delivered", "seen", "coming", "closed"]) {
        expect(kinds, `timeline has ${kind}`).toContain(kind);
      }
    } finally {
      for (const c of contexts) await c.close();
    }
  });

  test("cancelling inside the 5-second window pages nobody", async ({ browser, baseURL }) => {
    const base = baseURL as string;
    const site = await makeSite(browser, base);
    const contexts: BrowserContext[] = [];
    try {
      const pager = await openPager(browser, base, site);
      contexts.push(pager.context);
      const tablet = await openTablet(browser, base, site);
      contexts.push(tablet.context);

      // With the keyboard this time: Space held down for a second (a short tap does nothing).
      const hold = tablet.page.getByTestId("panic-hold-ASSISTANCE");
      await hold.focus();
      await tablet.page.keyboard.press("Space");
      await expect(tablet.page.getByTestId("panic-idle")).toBeVisible();
      await withServerClockHeld(tablet.context.request, base, async () => {
        await tablet.page.keyboard.down("Space");
        await expect(hold).toHaveAttribute("data-holding", "true");
        await tablet.page.waitForTimeout(1_300);
        await tablet.page.keyboard.up("Space");
        await expect(tablet.page.getByTestId("panic-pending")).toBeVisible();
        await tablet.page.getByRole("button", { name: "Annuleren" }).click();
        await expect(tablet.page.getByTestId("tablet-notice-cancelled")).toBeVisible();
      });
      await expect(tablet.page.getByTestId("panic-idle")).toBeVisible();

      const alarmId = (await roomAlarmId(site.roomId)) as string;
      expect(alarmId).toBeTruthy();
      // Well past the window (the server's clock moved and due jobs run): still nobody paged.
      await advanceServerClock(tablet.context.request, base, 10_000);
      const alarm = await e2eDb().alarm.findUniqueOrThrow({ where: { id: alarmId } });
      const pages = await e2eDb().alarmPage.count({ where: { alarmId } });
      expect({ status: alarm.status, pages }).toEqual({ status: "CANCELLED", pages: 0 });
      await expect(pager.page.getByTestId("pager-alert")).toHaveCount(0);
      await expect(pager.page.getByTestId("pager-none")).toBeVisible();
    } finally {
      for (const c of contexts) await c.close();
    }
  });

  test("nobody coming: everyone present is paged, then the desk is told to call 112", async ({ browser, baseURL }) => {
    const base = baseURL as string;
    const site = await makeSite(browser, base);
    const contexts: BrowserContext[] = [];
    try {
      const pager = await openPager(browser, base, site);
      contexts.push(pager.context);
      const desk = await openDesk(browser, base, site);
      contexts.push(desk.context);
      const tablet = await openTablet(browser, base, site);
      contexts.push(tablet.context);

      await pressAndHold(tablet.page, "panic-hold-EMERGENCY", 1_300);
      await expect(pager.page.getByTestId("pager-alert")).toBeVisible({ timeout: PAGED_MS });
      const alarmId = (await roomAlarmId(site.roomId, "OPEN")) as string;
      const deskAlarm = desk.page.locator(`[data-testid="desk-alarm"][data-alarm-id="${alarmId}"]`);
      await expect(deskAlarm).toBeVisible({ timeout: LIVE_MS });
      await expect(desk.page.getByTestId("desk-call-112")).toHaveCount(0);

      // 30 s without anyone coming: step 1, every present staff member paged.
      await advanceServerClock(desk.context.request, base, 31_000);
      await expect(deskAlarm).toHaveAttribute("data-escalation", "1", { timeout: LIVE_MS });
      await expect(deskAlarm.getByTestId("desk-alarm-escalated-all")).toBeVisible();
      await expect(desk.page.getByTestId("desk-call-112")).toHaveCount(0);

      // 90 s: the desk must call 112, with the location's emergency contacts and desk phone.
      await advanceServerClock(desk.context.request, base, 60_000);
      const call = desk.page.getByTestId("desk-call-112");
      await expect(call).toBeVisible({ timeout: LIVE_MS });
      await expect(call.getByRole("heading", { level: 2 })).toHaveText("BEL 112");
      await expect(call).toContainText("Niemand komt op het alarm in Spreekkamer E2E, verdieping 2. Bel nu 112.");
      await expect(call.getByTestId("desk-emergency-contacts")).toContainText("Wijkagent: 06 1234 5678");
      await expect(call).toContainText("Telefoon balie: 020 123 4567");
      await expect(deskAlarm).toHaveAttribute("data-escalation", "2");

      // Still there after a reload (it is stored, not only pushed).
      await desk.page.reload();
      await expect(desk.page.getByTestId("desk-call-112")).toBeVisible();

      // The steps are on the timeline.
      await desk.page.goto(`/nl/staff/alarms/${alarmId}`);
      await expect(desk.page.locator('[data-testid="alarm-timeline-entry"][data-kind="escalated"]')).toHaveCount(2);

      // Clean up: close it so it does not stay open for other specs.
      await desk.page.goto(`/nl/staff/desk?location=${site.locationId}`);
      const again = desk.page.locator(`[data-testid="desk-alarm"][data-alarm-id="${alarmId}"]`);
      await again.getByText("Politie gebeld").click();
      await again.getByRole("button", { name: "Alarm afsluiten" }).click();
      await expect(desk.page.getByTestId("alarm-incident-draft")).toBeVisible();
    } finally {
      for (const c of contexts) await c.close();
    }
  });

  test("without its socket the tablet says so and uses HTTP; with HTTP down too it says loudly the alarm was NOT delivered", async ({
    browser,
    baseURL,
  }) => {
    const base = baseURL as string;
    const site = await makeSite(browser, base);
    const context = await browser.newContext({
      baseURL: base,
      storageState: site.tablet,
      locale: "nl-NL",
      timezoneId: "Europe/Amsterdam",
      viewport: { width: 1280, height: 800 },
    });
    try {
      const page = await context.newPage();
      // The realtime channel cannot be reached: every socket.io connection is closed at once.
      await page.routeWebSocket(/\/socket\.io\//, (ws) => ws.close());
      await page.goto("/nl/panic", { timeout: 60_000 });
      await expect(page.getByTestId("panic-idle")).toBeVisible();
      const down = page.getByTestId("tablet-disconnected");
      await expect(down).toBeVisible({ timeout: LIVE_MS });
      await expect(down.getByRole("heading", { level: 2 })).toHaveText("GEEN VERBINDING");
      await expect(down.getByTestId("tablet-fallback")).toContainText("Bel bij direct gevaar 112.");
      await expect(down.getByTestId("tablet-fallback")).toContainText("Balie: 020 123 4567");

      // The HTTP fallback fails as well: the tablet must not pretend.
      await page.route("**/api/alarms", (route) => route.abort("connectionrefused"));
      await pressAndHold(page, "panic-hold-EMERGENCY", 1_300);
      const failed = page.getByTestId("tablet-not-delivered");
      await expect(failed).toBeVisible({ timeout: LIVE_MS });
      await expect(failed.getByRole("heading", { level: 2 })).toHaveText("ALARM NIET VERZONDEN");
      await expect(failed.getByTestId("tablet-fallback")).toContainText("Balie: 020 123 4567");
      expect(await roomAlarmId(site.roomId)).toBeNull();
      await expectNoSeriousAxeViolations(page, "tablet not delivered");

      // HTTP back (the socket still down): "Opnieuw proberen" raises it over HTTP, with its cancel
      // window (no other test moves the clock through it).
      await page.unroute("**/api/alarms");
      const alarmId = await withServerClockHeld(context.request, base, async () => {
        await failed.getByRole("button", { name: "Opnieuw proberen" }).click();
        await expect(page.getByTestId("panic-pending")).toBeVisible({ timeout: LIVE_MS });
        await expect(failed).toHaveCount(0);
        const pending = (await roomAlarmId(site.roomId, "PENDING")) as string;
        expect(pending).toBeTruthy();
        // Cancelling works over HTTP too.
        await page.getByRole("button", { name: "Annuleren" }).click();
        await expect(page.getByTestId("tablet-notice-cancelled")).toBeVisible({ timeout: LIVE_MS });
        return pending;
      });
      const alarm = await e2eDb().alarm.findUniqueOrThrow({ where: { id: alarmId } });
      const pages = await e2eDb().alarmPage.count({ where: { alarmId } });
      expect({ status: alarm.status, level: alarm.level, pages }).toEqual({
        status: "CANCELLED",
        level: "EMERGENCY",
        pages: 0,
      });
    } finally {
      await context.close();
    }
  });

  test("a responder on another staff page gets the page full screen there too", async ({ browser, baseURL }) => {
    const base = baseURL as string;
    const site = await makeSite(browser, base);
    const contexts: BrowserContext[] = [];
    try {
      const pager = await openPager(browser, base, site);
      contexts.push(pager.context);
      // Away from the pager page: the staff home.
      await pager.page.goto("/nl/staff");
      await expectConnected(pager.page);
      const tablet = await openTablet(browser, base, site);
      contexts.push(tablet.context);
      await pressAndHold(tablet.page, "panic-hold-ASSISTANCE", 1_300);
      const alert = pager.page.getByTestId("pager-alert");
      await expect(alert).toBeVisible({ timeout: PAGED_MS });
      await expect(alert.getByRole("heading", { level: 1 })).toHaveText("ALARM: Assistentie");
      const alarmId = (await alert.getAttribute("data-alarm-id")) as string;
      await alert.getByRole("button", { name: "Kan niet" }).click();
      await expect(alert).toHaveCount(0);
      const page = await e2eDb().alarmPage.findUniqueOrThrow({
        where: { alarmId_staffId: { alarmId, staffId: site.responder.id } },
      });
      expect({ delivered: !!page.deliveredAt, seen: !!page.seenAt, response: page.response }).toEqual({
        delivered: true,
        seen: true,
        response: "CANT",
      });
      await expect(
        tablet.page.locator(`[data-testid="alarm-responder"][data-staff-id="${site.responder.id}"]`),
      ).toHaveAttribute("data-state", "cant", { timeout: LIVE_MS });
      // Clean up: the responder closes it from the pager page.
      await pager.page.goto("/nl/staff/alarms");
      const item = pager.page.locator(`[data-testid="pager-alarm"][data-alarm-id="${alarmId}"]`);
      await item.locator("summary").click();
      await item.getByText("Loos alarm").click();
      await item.getByRole("button", { name: "Alarm afsluiten" }).click();
      await expect(pager.page.getByTestId("alarm-incident-draft")).toBeVisible();
      await expect(tablet.page.getByTestId("panic-idle")).toBeVisible({ timeout: LIVE_MS });
    } finally {
      for (const c of contexts) await c.close();
    }
  });

  test("the pager is an installable web app scoped to the alarms page", async ({ page, signInAs }) => {
    await signInAs("staff");
    await page.goto("/nl/staff/alarms");
    await expect(page.getByTestId("pager")).toBeVisible();
    const href = await page.locator('link[rel="manifest"]').getAttribute("href");
    expect(href).toBe("/nl/staff/alarms/manifest.webmanifest");
    const res = await page.request.get(href as string);
    expect(res.ok()).toBeTruthy();
    const manifest = (await res.json()) as {
      start_url: string;
      scope: string;
      display: string;
      icons: { src: string; sizes: string }[];
    };
    expect({ start_url: manifest.start_url, scope: manifest.scope, display: manifest.display }).toEqual({
      start_url: "/nl/staff/alarms",
      scope: "/nl/staff/alarms",
      display: "standalone",
    });
    for (const size of ["192x192", "512x512"]) {
      const icon = manifest.icons.find((i) => i.sizes === size);
      expect(icon, size).toBeTruthy();
      const img = await page.request.get(icon?.src as string);
      expect(img.headers()["content-type"]).toBe("image/png");
    }
  });

  test("a manager's weekly test alarm pages the team marked TEST and keeps the report", async ({
    browser,
    baseURL,
  }) => {
    const base = baseURL as string;
    const site = await makeSite(browser, base);
    const manager = await makeStaff(site.locationId, "MANAGER", "Leiding");
    const contexts: BrowserContext[] = [];
    try {
      const pager = await openPager(browser, base, site);
      contexts.push(pager.context);
      const m = await signedIn(browser, base, manager.email);
      contexts.push(m.context);
      await m.page.goto(`/nl/staff/alarms/test?location=${site.locationId}`, { timeout: 60_000 });
      await m.page.getByRole("button", { name: "Testalarm starten" }).click();
      await expect(m.page.getByTestId("test-alarm-message")).toHaveText("Testalarm gestart: 1 collega opgeroepen.");

      const alert = pager.page.getByTestId("pager-alert");
      await expect(alert).toBeVisible({ timeout: LIVE_MS });
      await expect(alert).toHaveAttribute("data-test", "true");
      await expect(alert.getByTestId("pager-alert-test")).toHaveText("TEST — Testalarm");
      await alert.getByRole("button", { name: "Ik kom eraan" }).click();
      await expect(alert).toHaveCount(0);

      // The report: per responder the time to delivery and to the answer (the page follows while the test is open).
      const row = m.page.locator(`[data-testid="test-alarm-responder"][data-staff-id="${site.responder.id}"]`);
      await expect(row).toContainText("Komt eraan", { timeout: LIVE_MS });
      await expect(row.locator("td").nth(1)).toHaveText(/^\d+([,.]\d+)? s$/);
      await expect(row.locator("td").nth(2)).toHaveText(/^\d+([,.]\d+)? s$/);

      // Close it from the pager so it does not stay open.
      const item = pager.page.locator('[data-testid="pager-alarm"]');
      await item.locator("summary").click();
      await item.getByText("Opgelost").click();
      await item.getByRole("button", { name: "Alarm afsluiten" }).click();
      await expect(pager.page.getByTestId("pager-none")).toBeVisible({ timeout: LIVE_MS });
    } finally {
      for (const c of contexts) await c.close();
    }
  });
});
