// A silent room tablet produces a desk alert (issue 5, part 2): a room tablet connects, its page is
// closed, the server's clock moves past 30 s → the desk shows "Tablet … geeft geen signaal"; the
// tablet comes back → the alert clears by itself. The spec builds its own location, room, desk
// and tablet: other specs share the e2e database and move the same server clock.
import type { Browser } from "@playwright/test";
import { hashPassword } from "../src/domain/staff/passwords";
import { expect, test } from "./fixtures";
import { closeE2eDb, e2eDb, uniqueSuffix } from "./support/appointments";
import { signInViaApi } from "./support/auth";
import { advanceServerClock } from "./support/clock";
import { DEMO_LOCATIONS } from "./support/demo";
import { pairKiosk, type StorageState } from "./support/kiosk";

const PASSWORD = "tablet-watch-e2e-password";

test.afterAll(closeE2eDb);

async function makeSite(browser: Browser, baseURL: string) {
  const db = e2eDb();
  const suffix = uniqueSuffix();
  const centrum = await db.location.findUniqueOrThrow({ where: { id: DEMO_LOCATIONS.centrum.id } });
  const location = await db.location.create({
    data: { organisationId: centrum.organisationId, name: `Tabletwacht ${suffix}`, kind: "APPOINTMENT" },
  });
  const room = await db.room.create({ data: { locationId: location.id, name: `Kamer ${suffix}`, kind: "CONSULT" } });
  const desk = await db.staffMember.create({
    data: {
      name: `Balie Tabletwacht ${suffix}`,
      email: `tablet-watch-${suffix.toLowerCase()}@e2e.test`,
      role: "RECEPTION",
      passwordHash: await hashPassword(PASSWORD),
      locations: { create: [{ locationId: location.id }] },
    },
  });
  const tabletName = `Tablet ${suffix}`;
  const tablet: StorageState = await pairKiosk(db, browser, baseURL, {
    kind: "ROOM_TABLET",
    locationId: location.id,
    roomId: room.id,
    name: tabletName,
  });
  const device = await db.device.findFirstOrThrow({ where: { name: tabletName } });
  return { locationId: location.id, roomName: room.name, desk, tablet, tabletName, deviceId: device.id };
}

async function openTablet(browser: Browser, baseURL: string, storageState: StorageState) {
  const context = await browser.newContext({
    baseURL,
    storageState,
    locale: "nl-NL",
    timezoneId: "Europe/Amsterdam",
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  await page.goto("/nl/panic", { timeout: 60_000 });
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected", { timeout: 20_000 });
  return context;
}

/** Until the server has recorded the tablet's socket as connected (true) or gone (false). */
async function tabletConnected(deviceId: string, connected: boolean) {
  await expect
    .poll(async () => !!(await e2eDb().device.findUniqueOrThrow({ where: { id: deviceId } })).connectedAt, {
      timeout: 15_000,
    })
    .toBe(connected);
}

test.describe("silent room tablet", () => {
  test.describe.configure({ timeout: 120_000 });

  test("a closed room tablet raises a desk alert after 30 s; it clears when the tablet is back", async ({
    browser,
    baseURL,
  }) => {
    const base = baseURL as string;
    const site = await makeSite(browser, base);
    const deskContext = await browser.newContext({ baseURL: base, locale: "nl-NL", timezoneId: "Europe/Amsterdam" });
    try {
      await signInViaApi(deskContext.request, site.desk.email, PASSWORD);
      const desk = await deskContext.newPage();
      await desk.goto(`/nl/staff/desk?location=${site.locationId}`, { timeout: 60_000 });
      await expect(desk.getByTestId("desk-alerts")).toBeVisible();
      await expect(desk.getByTestId("connection-status")).toHaveAttribute("data-state", "connected", {
        timeout: 20_000,
      });
      const silent = desk.getByTestId("desk-alert-TABLET_SILENT");

      // The tablet is on, then its page is closed (unplugged, crashed, out of Wi-Fi).
      const tablet = await openTablet(browser, base, site.tablet);
      await tabletConnected(site.deviceId, true);
      await tablet.close();
      await tabletConnected(site.deviceId, false);
      await expect(silent).toHaveCount(0);

      // 40 s later on the server's clock the watch has run: one alert, live at the desk.
      await advanceServerClock(deskContext.request, base, 40_000);
      await expect(silent).toHaveCount(1, { timeout: 15_000 });
      await expect(silent).toContainText(site.roomName);
      await expect(silent).toContainText(site.tabletName);
      await expect(silent).toContainText("geeft geen signaal");
      // This alert by id: other specs move the same server clock, and a jump of theirs while the
      // tablet is back can make the watch raise (and later clear) another one for it.
      const raised = await e2eDb().deskAlert.findFirstOrThrow({
        where: { locationId: site.locationId, kind: "TABLET_SILENT", acknowledgedAt: null },
        orderBy: { createdAt: "asc" },
      });

      // The tablet is back: the next pass of the watch clears the alert by itself, and the desk
      // drops it. (Polled by id with room to spare: on the shared e2e server other specs' clock
      // jumps make other jobs due first, and can make the watch raise another alert meanwhile.)
      const back = await openTablet(browser, base, site.tablet);
      try {
        await tabletConnected(site.deviceId, true);
        await advanceServerClock(deskContext.request, base, 10_000);
        await expect
          .poll(async () => (await e2eDb().deskAlert.findUniqueOrThrow({ where: { id: raised.id } })).acknowledgedAt, {
            timeout: 30_000,
          })
          .not.toBeNull();
        await expect(desk.locator(`[data-alert-id="${raised.id}"]`)).toHaveCount(0, { timeout: 10_000 });
      } finally {
        await back.close();
      }
    } finally {
      await deskContext.close();
    }
  });
});
