// Doors and the sluis in Chromium (issue 7): a kiosk check-in at a controlled entrance → the sluis
// sequence on the console's simulator panel (close the outer door → the inner door is released);
// a refused interlock request explained on the console; an evacuation releases every door; and an
// axe scan of the console. The spec makes its own location with Centrum's door layout (a sluis, a
// staff-only door, an exit; all simulated), because other specs check in at Centrum in parallel
// and would move its doors under this one.
import type { Page } from "@playwright/test";
import { hmac } from "../src/domain/crypto";
import { badgeHashInput } from "../src/domain/presence/rules";
import { expect, test } from "./fixtures";
import { closeE2eDb, createPassVisitor, e2eDb, serverHmacKey, uniqueSuffix } from "./support/appointments";
import { newSignedInContext } from "./support/auth";
import { DEMO_LOCATIONS } from "./support/demo";
import { expectNoSeriousAxeViolations, openKiosk, pairKiosk, wedgeScan } from "./support/kiosk";

const LIVE_MS = 10_000;

test.afterAll(closeE2eDb);

async function makeSluisLocation() {
  const db = e2eDb();
  const suffix = uniqueSuffix();
  const centrum = await db.location.findUniqueOrThrow({ where: { id: DEMO_LOCATIONS.centrum.id } });
  const location = await db.location.create({
    data: {
      organisationId: centrum.organisationId,
      name: `Sluis e2e ${suffix}`,
      kind: "APPOINTMENT",
      controlledEntrance: true,
    },
  });
  const doors = [
    {
      key: "outer",
      name: "Buitendeur sluis",
      kind: "ENTRANCE_OUTER",
      fromZone: "OUTSIDE",
      toZone: "PUBLIC",
      interlockGroup: "sluis",
    },
    {
      key: "inner",
      name: "Binnendeur sluis",
      kind: "ENTRANCE_INNER",
      fromZone: "PUBLIC",
      toZone: "WAITING",
      interlockGroup: "sluis",
    },
    {
      key: "staff",
      name: "Personeelsdeur",
      kind: "STAFF_ONLY",
      fromZone: "WAITING",
      toZone: "STAFF_ONLY",
      interlockGroup: null,
    },
    { key: "exit", name: "Uitgang", kind: "EXIT", fromZone: "WAITING", toZone: "OUTSIDE", interlockGroup: null },
  ] as const;
  const ids: Record<(typeof doors)[number]["key"], string> = { outer: "", inner: "", staff: "", exit: "" };
  for (const [i, { key, ...d }] of doors.entries()) {
    // A long release: the browser steps must not race the release time-out.
    const row = await db.door.create({
      data: { ...d, locationId: location.id, sortOrder: i, releaseSeconds: 120, heldOpenAlertSeconds: 600 },
    });
    ids[key] = row.id;
  }
  return { location, ids };
}

const doorCard = (page: Page, id: string) => page.getByTestId(`door-${id}`);
const lockState = (page: Page, id: string) => doorCard(page, id).locator('[data-field="lock"]');

test.describe("doors and the sluis", () => {
  test.describe.configure({ timeout: 150_000 });

  test("check-in → sluis sequence on the simulator panel; interlock refusal explained; evacuation releases every door", async ({
    browser,
    baseURL,
  }) => {
    const base = baseURL as string;
    const { location, ids } = await makeSluisLocation();
    const kioskState = await pairKiosk(e2eDb(), browser, base, { locationId: location.id });
    const first = `Sluis${uniqueSuffix().slice(-5)}`;
    const { passId } = await createPassVisitor(e2eDb(), first, "Doorloop");
    const doorman = await newSignedInContext(browser, base, "admin");
    const kiosk = await openKiosk(browser, base, kioskState);
    const page = doorman.page;
    try {
      await page.goto(`/nl/staff/doors?location=${location.id}`, { timeout: 60_000 });
      await expect(doorCard(page, ids.outer)).toBeVisible({ timeout: 30_000 });
      await expect(page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected", {
        timeout: 20_000,
      });
      for (const id of Object.values(ids)) await expect(lockState(page, id)).toHaveText("Vergrendeld");

      // The kiosk check-in: the outer door is released, the inner one waits for the sluis.
      await wedgeScan(kiosk.page, passId);
      const rules = kiosk.page.getByTestId("kiosk-rules");
      const welcome = kiosk.page.getByTestId("kiosk-outcome-checked-in");
      await expect(rules.or(welcome)).toBeVisible();
      if (await rules.isVisible()) await kiosk.page.getByTestId("kiosk-accept").click();
      await expect(welcome).toBeVisible();
      await expect(lockState(page, ids.outer)).toHaveText("Ontgrendeld", { timeout: LIVE_MS });
      await expect(doorCard(page, ids.inner).locator('[data-field="queued"]')).toBeVisible();
      await expect(lockState(page, ids.inner)).toHaveText("Vergrendeld");
      await expect(lockState(page, ids.staff)).toHaveText("Vergrendeld");

      // The visitor walks through the outer door: open, then close it on the simulator panel.
      const outerSim = doorCard(page, ids.outer).getByTestId("simulator");
      await outerSim.getByRole("button", { name: "Deur openen" }).click();
      await expect(doorCard(page, ids.outer).locator('[data-field="sensor"]')).toHaveText("Open", { timeout: LIVE_MS });
      await outerSim.getByRole("button", { name: "Deur sluiten" }).click();
      await expect(lockState(page, ids.outer)).toHaveText("Vergrendeld", { timeout: LIVE_MS });
      await expect(lockState(page, ids.inner)).toHaveText("Ontgrendeld", { timeout: LIVE_MS });
      await expect(page.getByTestId("sluis-occupant")).toContainText(first);

      // The interlock: the outer door cannot be released while the inner one is; the console says why.
      await doorCard(page, ids.outer).getByRole("button", { name: "Ontgrendelen", exact: true }).click();
      const message = doorCard(page, ids.outer).getByTestId("door-message");
      await expect(message).toContainText("Geweigerd");
      await expect(message).toContainText("Binnendeur sluis");
      await expect(lockState(page, ids.outer)).toHaveText("Vergrendeld");

      await expectNoSeriousAxeViolations(page, "doors console");

      // Evacuation: every door released, the interlock overridden.
      page.once("dialog", (d) => void d.accept());
      await page.getByLabel("Reden", { exact: true }).fill("Brandoefening");
      await page.getByTestId("evacuation-start").click();
      await expect(page.getByTestId("evacuation-banner")).toBeVisible({ timeout: LIVE_MS });
      for (const id of Object.values(ids)) await expect(lockState(page, id)).toHaveText("Ontgrendeld");

      await page.getByTestId("evacuation-stop").click();
      await expect(page.getByTestId("evacuation-banner")).toHaveCount(0, { timeout: LIVE_MS });
      for (const id of Object.values(ids)) await expect(lockState(page, id)).toHaveText("Vergrendeld");
    } finally {
      await doorman.context.close();
      await kiosk.context.close();
    }
  });

  test("a DESK device shows the console; a staff badge at the staff door's reader releases it, another code does not", async ({
    browser,
    baseURL,
  }) => {
    const base = baseURL as string;
    const { location, ids } = await makeSluisLocation();
    const suffix = uniqueSuffix()
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, "");
    const badge = `BADGE-DOOR${suffix}`;
    await e2eDb().staffMember.create({
      data: {
        name: `Deur${suffix.slice(-4)} Testmedewerker`,
        email: `doors-${suffix.toLowerCase()}@e2e.test`,
        role: "STAFF",
        passwordHash: "x",
        badgeHash: hmac(serverHmacKey(), badgeHashInput(badge)),
        locations: { create: [{ locationId: location.id }] },
      },
    });
    const deskState = await pairKiosk(e2eDb(), browser, base, { locationId: location.id, kind: "DESK" });
    const context = await browser.newContext({
      baseURL: base,
      storageState: deskState,
      locale: "nl-NL",
      timezoneId: "Europe/Amsterdam",
    });
    try {
      const page = await context.newPage();
      await page.goto("/nl/desk/doors", { timeout: 60_000 });
      await expect(doorCard(page, ids.staff)).toBeVisible({ timeout: 30_000 });
      await expect(page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected", {
        timeout: 20_000,
      });
      const reader = doorCard(page, ids.staff).getByLabel("Personeelspas (lezer bij deze deur)");
      await reader.fill("BADGE-NOBODY1");
      await reader.press("Enter");
      await expect(doorCard(page, ids.staff).getByTestId("door-message")).toContainText("Geweigerd");
      await expect(lockState(page, ids.staff)).toHaveText("Vergrendeld");
      await reader.fill(badge.toLowerCase());
      await reader.press("Enter");
      await expect(lockState(page, ids.staff)).toHaveText("Ontgrendeld", { timeout: LIVE_MS });
      await expectNoSeriousAxeViolations(page, "doors console on a desk device");
    } finally {
      await context.close();
    }
  });
});
