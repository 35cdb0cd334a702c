// Devices are not people: an admin registers a kiosk or room tablet and gets a one-time pairing
// code; the device (its own browser context) types the code on /pair and opens its screen; the
// admin's device list shows it online LIVE (a realtime event from one browser context arriving in
// another, no reload); a used code is refused; revoking cuts the device off at once.
// Each test registers its own devices, so the seeded ones stay untouched.
import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { newSignedInContext } from "./support/auth";
import { DEMO_LOCATIONS } from "./support/demo";

const REUSED_CODE_NL = "Deze koppelcode is onbekend, al gebruikt of verlopen. Vraag een beheerder om een nieuwe code.";

const unique = (prefix: string) => `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

interface Registered {
  id: string;
  name: string;
  /** The code as shown to the admin: XXXX-XXXX. */
  shownCode: string;
}

/** Opens the device list and waits until it is live (hydrated, socket connected). */
async function openDeviceAdmin(admin: Page) {
  await admin.goto("/nl/staff/admin/devices");
  await expect(admin.getByRole("heading", { level: 1, name: "Apparaten" })).toBeVisible();
  await expect(admin.getByTestId("connection-status")).toHaveAttribute("data-state", "connected", { timeout: 20_000 });
}

/** Registers a device through the admin form and reads the pairing code it shows once. */
async function registerDevice(
  admin: Page,
  input: { name: string; kind: "KIOSK" | "ROOM_TABLET" | "DESK"; locationId: string; roomId?: string },
): Promise<Registered> {
  await admin.getByTestId("register-device-open").click();
  const form = admin.getByTestId("register-device-form");
  await form.getByLabel("Naam").fill(input.name);
  await form.getByLabel("Soort apparaat").selectOption(input.kind);
  await form.getByLabel("Locatie").selectOption(input.locationId);
  if (input.roomId) await form.getByLabel("Ruimte").selectOption(input.roomId);
  await form.getByRole("button", { name: "Registreren en koppelcode maken" }).click();

  const card = admin.getByTestId("pairing-code-card");
  await expect(card).toContainText(`Koppelcode voor ${input.name}`);
  const code = admin.getByTestId("pairing-code");
  await expect(code).toHaveText(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  await expect(admin.getByTestId("pairing-expiry")).toHaveText(/^Geldig tot \d{1,2}:\d{2}$/);
  await expect(admin.getByTestId("pairing-url")).toHaveText(/\/nl\/pair$/);
  const id = await card.getAttribute("data-device-id");
  expect(id).toBeTruthy();
  await expect(admin.getByTestId(`device-row-${id}`)).toBeVisible();
  return { id: id!, name: input.name, shownCode: (await code.textContent())!.trim() };
}

/** A fresh browser context (the device) with /nl/pair open. */
async function openPairPage(browser: Browser, baseURL: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, locale: "nl-NL", timezoneId: "Europe/Amsterdam" });
  const page = await context.newPage();
  await page.goto("/nl/pair");
  return { context, page };
}

async function typeCode(page: Page, typed: string) {
  await page.getByLabel("Koppelcode").fill(typed);
  await page.getByRole("button", { name: "Koppelen", exact: true }).click();
}

const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}×)`)).toEqual([]);
}

/** Marks the page so a later check can prove it was not reloaded in between. */
async function markNoReload(page: Page) {
  await page.evaluate(() => {
    (window as unknown as { __noReload: boolean }).__noReload = true;
  });
}
async function expectNotReloaded(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
}

test.describe("devices", () => {
  // Several browser contexts per test (admin plus one or two devices).
  test.describe.configure({ timeout: 60_000 });

  test("pairing a kiosk and a room tablet shows them online on the admin list, live", async ({ browser, baseURL }) => {
    const admin = await newSignedInContext(browser, baseURL!, "admin");
    const devices: BrowserContext[] = [];
    try {
      await openDeviceAdmin(admin.page);

      // Kiosk: registered → code shown once → typed on the device in lower case with a space.
      const kiosk = await registerDevice(admin.page, {
        name: unique("E2E kiosk"),
        kind: "KIOSK",
        locationId: DEMO_LOCATIONS.centrum.id,
      });
      const kioskOnline = admin.page.getByTestId(`device-online-${kiosk.id}`);
      await expect(kioskOnline).toHaveAttribute("data-online", "false");
      await expect(admin.page.getByTestId(`device-pairing-${kiosk.id}`)).toHaveText("Koppelcode uitgegeven");
      await markNoReload(admin.page);

      const kioskDevice = await openPairPage(browser, baseURL!);
      devices.push(kioskDevice.context);
      await typeCode(kioskDevice.page, kiosk.shownCode.toLowerCase().replace("-", " "));
      await expect(kioskDevice.page).toHaveURL(/\/nl\/kiosk$/);
      await expect(kioskDevice.page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected");
      await expect(kioskDevice.page.getByTestId("device-place")).toContainText(DEMO_LOCATIONS.centrum.name);
      await expect(kioskDevice.page.getByRole("heading", { level: 1 })).toHaveText("Welkom");

      // The admin's list turns online through the realtime event: same page, no reload.
      await expect(kioskOnline).toHaveAttribute("data-online", "true");
      await expect(kioskOnline).toHaveText("Online");
      await expect(admin.page.getByTestId(`device-pairing-${kiosk.id}`)).toHaveText("Gekoppeld");
      await expect(admin.page.getByTestId("pairing-code-used")).toBeVisible();
      await expect(admin.page.getByTestId("pairing-code")).toHaveCount(0);
      await expectNotReloaded(admin.page);

      // Room tablet, in a consulting room; the code typed as shown (with its dash).
      await admin.page.getByTestId("pairing-code-close").click();
      const tablet = await registerDevice(admin.page, {
        name: unique("E2E tablet"),
        kind: "ROOM_TABLET",
        locationId: DEMO_LOCATIONS.centrum.id,
        roomId: "room-centrum-spreek-3",
      });
      const tabletOnline = admin.page.getByTestId(`device-online-${tablet.id}`);
      await expect(tabletOnline).toHaveAttribute("data-online", "false");
      await markNoReload(admin.page);

      const tabletDevice = await openPairPage(browser, baseURL!);
      devices.push(tabletDevice.context);
      await typeCode(tabletDevice.page, tablet.shownCode);
      await expect(tabletDevice.page).toHaveURL(/\/nl\/panic$/);
      await expect(tabletDevice.page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected");
      await expect(tabletDevice.page.getByTestId("device-place")).toContainText("Spreekkamer 3");
      await expect(tabletDevice.page.getByRole("heading", { level: 1 })).toHaveText("Spreekkamer 3");
      // The tablet's heartbeat is acknowledged by the server.
      await expect(tabletDevice.page.getByTestId("device-heartbeat")).toHaveAttribute("data-healthy", "true");

      await expect(tabletOnline).toHaveAttribute("data-online", "true");
      await expect(admin.page.getByTestId(`device-row-${tablet.id}`)).toContainText("Kamertablet");
      await expect(admin.page.getByTestId(`device-row-${tablet.id}`)).toContainText("Spreekkamer 3");
      await expectNotReloaded(admin.page);

      // A device on another device kind's screen gets a clear message, not a crash.
      await tabletDevice.page.goto("/nl/kiosk");
      await expect(tabletDevice.page.getByTestId("device-problem")).toHaveAttribute("data-reason", "wrongKind");

      // Closing the kiosk's browser makes it offline on the admin list, live.
      await kioskDevice.context.close();
      await expect(kioskOnline).toHaveAttribute("data-online", "false", { timeout: 15_000 });
      await expect(kioskOnline).toHaveText("Offline");
      await expectNotReloaded(admin.page);
    } finally {
      for (const c of devices) await c.close().catch(() => {});
      await admin.context.close();
    }
  });

  test("a used pairing code is refused with the Dutch message", async ({ browser, baseURL }) => {
    const admin = await newSignedInContext(browser, baseURL!, "admin");
    const first = await openPairPage(browser, baseURL!);
    const second = await openPairPage(browser, baseURL!);
    try {
      await openDeviceAdmin(admin.page);
      const kiosk = await registerDevice(admin.page, {
        name: unique("E2E kiosk reuse"),
        kind: "KIOSK",
        locationId: DEMO_LOCATIONS.haven.id,
      });

      await typeCode(first.page, kiosk.shownCode);
      await expect(first.page).toHaveURL(/\/nl\/kiosk$/);

      await typeCode(second.page, kiosk.shownCode);
      await expect(second.page.getByTestId("pair-error")).toHaveText(REUSED_CODE_NL);
      await expect(second.page).toHaveURL(/\/nl\/pair$/);
      // No credential for the second browser: its device screen says it is not paired.
      expect((await second.context.cookies()).map((c) => c.name)).not.toContain("portier_device");
      await second.page.goto("/nl/kiosk");
      await expect(second.page.getByTestId("device-problem")).toHaveAttribute("data-reason", "notPaired");
      await expect(second.page.getByRole("heading", { level: 1 })).toHaveText("Dit apparaat is niet gekoppeld");
    } finally {
      await second.context.close();
      await first.context.close();
      await admin.context.close();
    }
  });

  test("revoking cuts the device off at once", async ({ browser, baseURL }) => {
    const admin = await newSignedInContext(browser, baseURL!, "admin");
    const device = await openPairPage(browser, baseURL!);
    try {
      await openDeviceAdmin(admin.page);
      const kiosk = await registerDevice(admin.page, {
        name: unique("E2E kiosk revoke"),
        kind: "KIOSK",
        locationId: DEMO_LOCATIONS.centrum.id,
      });
      await typeCode(device.page, kiosk.shownCode);
      await expect(device.page).toHaveURL(/\/nl\/kiosk$/);
      await expect(device.page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected");
      const online = admin.page.getByTestId(`device-online-${kiosk.id}`);
      await expect(online).toHaveAttribute("data-online", "true");

      // Revoke asks for confirmation first.
      await admin.page.getByTestId(`device-revoke-${kiosk.id}`).click();
      const confirm = admin.page.getByTestId(`device-revoke-confirm-${kiosk.id}`);
      await expect(confirm).toContainText(`${kiosk.name} intrekken?`);
      await confirm.getByRole("button", { name: "Ja, intrekken" }).click();

      // The device shows the revoked screen by itself (the test does not reload it).
      await expect(device.page.getByTestId("device-problem")).toHaveAttribute("data-reason", "revoked");
      await expect(device.page.getByRole("heading", { level: 1 })).toHaveText("Dit apparaat is ingetrokken");
      await expect(device.page.getByRole("link", { name: "Opnieuw koppelen" })).toHaveAttribute("href", "/nl/pair");

      await expect(online).toHaveAttribute("data-online", "false");
      await expect(admin.page.getByTestId(`device-pairing-${kiosk.id}`)).toHaveText("Ingetrokken");

      // Its credential no longer opens anything.
      const me = await device.context.request.get("/api/devices/me");
      expect(me.status()).toBe(401);
      await device.page.reload();
      await expect(device.page.getByTestId("device-problem")).toHaveAttribute("data-reason", "revoked");
    } finally {
      await device.context.close();
      await admin.context.close();
    }
  });

  test("the device list, the pairing page and the device screens have no detectable WCAG A/AA violations", async ({
    browser,
    baseURL,
  }) => {
    const admin = await newSignedInContext(browser, baseURL!, "admin");
    const device = await openPairPage(browser, baseURL!);
    try {
      await expectNoAxeViolations(device.page);
      await device.page.goto("/en/pair");
      await expectNoAxeViolations(device.page);
      await device.page.goto("/nl/panic");
      await expect(device.page.getByTestId("device-problem")).toHaveAttribute("data-reason", "notPaired");
      await expectNoAxeViolations(device.page);

      await openDeviceAdmin(admin.page);
      const tablet = await registerDevice(admin.page, {
        name: unique("E2E tablet a11y"),
        kind: "ROOM_TABLET",
        locationId: DEMO_LOCATIONS.centrum.id,
        roomId: "room-centrum-spreek-4",
      });
      await expectNoAxeViolations(admin.page); // with the pairing code shown

      await device.page.goto("/nl/pair");
      await typeCode(device.page, tablet.shownCode);
      await expect(device.page).toHaveURL(/\/nl\/panic$/);
      await expect(device.page.getByTestId("device-heartbeat")).toHaveAttribute("data-healthy", "true");
      await expectNoAxeViolations(device.page);
    } finally {
      await device.context.close();
      await admin.context.close();
    }
  });
});
