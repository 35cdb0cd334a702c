// The kiosk's ways in (issue 3), end to end in Chromium against the production build:
//  - an invite QR code shown to Chromium's fake camera (a generated .y4m video of the code);
//  - an identity document's MRZ typed by a keyboard-wedge document reader, and read by the camera (OCR);
//  - house-rules re-acceptance after a manager publishes a new version (and only once);
//  - a banned walk-in: the kiosk only says "please wait", the desk (another context) gets the
//    silent alert live, without a reload.
// Test data (appointment, pass visitor, ban) is written straight into the e2e database; the kiosk
// is paired through POST /api/devices/pair. The walk-in and client-pass paths are in kiosk.spec.ts.
import { randomInt } from "node:crypto";
import path from "node:path";
import { type Browser, chromium, type LaunchOptions } from "@playwright/test";
import { expect, test } from "./fixtures";
import {
  closeE2eDb,
  createNameBan,
  createPassVisitor,
  createTodayAppointmentWithInvite,
  E2E_DATA_DIR,
  e2eDb,
  uniqueSuffix,
} from "./support/appointments";
import { newSignedInContext } from "./support/auth";
import { fakeCameraArgs, writeQrY4m } from "./support/fake-camera";
import { writeMrzY4m } from "./support/fake-camera-mrz";
import {
  checkOutWithPass,
  expectNoSeriousAxeViolations,
  openKiosk,
  pairKiosk,
  type StorageState,
  td1Mrz,
  uniqueDocumentNumber,
  walkInFull,
  wedgeScan,
} from "./support/kiosk";

/** A first name of letters only (the MRZ and the greeting keep it as it is). */
const uniqueName = (base: string) =>
  `${base}${uniqueSuffix()
    .replace(/[^a-z]/g, "")
    .slice(0, 5)}`;

test.describe("kiosk: the ways in", () => {
  test.describe.configure({ timeout: 120_000 });

  let kioskState: StorageState;
  test.beforeAll(async ({ browser, baseURL }) => {
    kioskState = await pairKiosk(e2eDb(), browser, baseURL!, { name: `E2E kiosk ways-in ${uniqueSuffix()}` });
  });
  test.afterAll(async () => {
    await closeE2eDb();
  });

  test("an invite QR code held up to the camera: house rules, then welcome by first name", async ({
    baseURL,
  }, testInfo) => {
    const firstName = uniqueName("Noor");
    const { invite } = await createTodayAppointmentWithInvite(e2eDb(), { firstName, lastName: "Bakker" });
    const video = writeQrY4m(path.join(E2E_DATA_DIR, `invite-${testInfo.workerIndex}-${uniqueSuffix()}.y4m`), invite, {
      blankFrames: 5,
    });
    // The fake camera is a launch flag: a browser of its own for this kiosk.
    const configured = (testInfo.project.use.launchOptions ?? {}) as LaunchOptions;
    const cameraBrowser: Browser = await chromium.launch({
      ...configured,
      args: [...(configured.args ?? []), ...fakeCameraArgs(video)],
    });
    try {
      const { page } = await openKiosk(cameraBrowser, baseURL!, kioskState);
      await page.getByTestId("kiosk-scan").click();
      await expect(page.getByTestId("kiosk-scan-screen")).toBeVisible();
      await expect(page.getByTestId("camera-scanner")).toBeVisible();
      await expect(page.getByTestId("camera-note")).toHaveCount(0);
      await expectNoSeriousAxeViolations(page, "scan (camera)");

      const rules = page.getByTestId("kiosk-rules");
      await expect(rules).toBeVisible({ timeout: 20_000 });
      await expect(rules).toContainText(`Welkom, ${firstName}.`);
      await page.getByTestId("kiosk-accept").click();
      const welcome = page.getByTestId("kiosk-outcome-checked-in");
      await expect(welcome.getByRole("heading", { level: 1 })).toHaveText(`Welkom, ${firstName}`);

      const visit = await e2eDb().visit.findFirst({
        where: { visitor: { firstName } },
        include: { appointment: true },
      });
      expect(visit?.method).toBe("INVITE");
      expect(visit?.appointment?.status).toBe("ARRIVED");
    } finally {
      await cameraBrowser.close();
    }
  });

  test("an identity card held up to the camera: its MRZ read in the browser (OCR), checked in", async ({
    baseURL,
  }, testInfo) => {
    // A fixed given name: names carry no check digit, so a random suffix let the OCR misread a letter
    // now and then (J as I, or a letter as a digit, which the reader refuses and waits). This
    // attempt's visit is told apart by time and by its document (a fresh number each time).
    const given = "LIESBETH";
    const startedAt = new Date();
    const firstName = given[0] + given.slice(1).toLowerCase();
    // Digits only: a letter that looks like a digit is a guess the reader refuses (see mrz-ocr/README.md).
    const number = String(randomInt(100_000_000, 1_000_000_000));
    const mrz = td1Mrz({ state: "NLD", number, birth: "880412", expiry: "330101", names: `VISSER<<${given}` });
    const video = await writeMrzY4m(path.join(E2E_DATA_DIR, `mrz-${testInfo.workerIndex}-${uniqueSuffix()}.y4m`), mrz, {
      blankFrames: 3,
    });
    const configured = (testInfo.project.use.launchOptions ?? {}) as LaunchOptions;
    const cameraBrowser: Browser = await chromium.launch({
      ...configured,
      args: [...(configured.args ?? []), ...fakeCameraArgs(video)],
    });
    try {
      test.setTimeout(180_000);
      const { page } = await openKiosk(cameraBrowser, baseURL!, kioskState);
      const scan = page.getByTestId("kiosk-scan");
      await scan.click();
      await expect(page.getByTestId("camera-scanner")).toBeVisible();
      // The OCR files load on the first MRZ-like frame; two agreeing reads are needed. On a loaded
      // machine that can outlast the kiosk's idle reset (45 s without a touch while the card is
      // held up): then the visitor taps "scan" again, as one would.
      const rules = page.getByTestId("kiosk-rules");
      await expect(async () => {
        if (await scan.isVisible()) await scan.click();
        await expect(rules).toBeVisible({ timeout: 5_000 });
      }).toPass({ timeout: 120_000 });
      await expect(rules).toContainText(`Welkom, ${firstName}.`);
      await page.getByTestId("kiosk-accept").click();
      await expect(page.getByTestId("kiosk-outcome-checked-in").getByRole("heading", { level: 1 })).toHaveText(
        `Welkom, ${firstName}`,
      );
      const visit = await e2eDb().visit.findFirst({
        where: { visitor: { firstName }, method: "DOCUMENT", checkedInAt: { gte: startedAt } },
        orderBy: { checkedInAt: "desc" },
        include: { visitor: true },
      });
      expect(visit?.method).toBe("DOCUMENT");
      expect(visit?.visitor?.documentType).toBeTruthy();
      // No image and no document number are kept.
      expect(JSON.stringify(visit)).not.toContain(number);
    } finally {
      await cameraBrowser.close();
    }
  });

  test("an identity card read by a keyboard-wedge document reader (3 MRZ lines): checked in", async ({
    browser,
    baseURL,
  }) => {
    const given = uniqueName("Willeke").toUpperCase();
    const firstName = given[0] + given.slice(1).toLowerCase();
    const mrz = td1Mrz({
      state: "NLD",
      number: uniqueDocumentNumber(),
      birth: "900215",
      expiry: "340101",
      names: `DE<BRUIJN<<${given}<ANNA`,
    });
    expect(mrz.map((line) => line.length)).toEqual([30, 30, 30]);
    const { context, page } = await openKiosk(browser, baseURL!, kioskState);
    try {
      await wedgeScan(page, mrz);
      const rules = page.getByTestId("kiosk-rules");
      await expect(rules).toBeVisible();
      await expect(rules).toContainText(`Welkom, ${firstName}.`);
      await page.getByTestId("kiosk-accept").click();
      const welcome = page.getByTestId("kiosk-outcome-checked-in");
      await expect(welcome.getByRole("heading", { level: 1 })).toHaveText(`Welkom, ${firstName}`);
      // "Would you need help to leave the building in an emergency?" — one tap, for the marshals.
      await welcome.getByTestId("kiosk-needs-help").click();
      await expect(welcome.getByTestId("kiosk-needs-help-done")).toBeVisible();

      // Only the document type and a keyed hash are kept: never the number.
      const visitor = await e2eDb().visitor.findFirst({ where: { firstName }, orderBy: { createdAt: "desc" } });
      expect(visitor?.needsEvacuationHelp).toBe(true);
      expect(visitor?.documentType).toBeTruthy();
      expect(visitor?.documentHash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(visitor)).not.toContain(mrz[0].slice(5, 14));
    } finally {
      await context.close();
    }
  });

  test("new house rules published by a manager: a returning visitor accepts them once", async ({
    browser,
    baseURL,
  }) => {
    const firstName = uniqueName("Robin");
    const { passId } = await createPassVisitor(e2eDb(), firstName);
    const { context, page } = await openKiosk(browser, baseURL!, kioskState);
    const manager = await newSignedInContext(browser, baseURL!, "manager");
    try {
      // First visit: the current rules, accepted.
      await wedgeScan(page, passId);
      const rules = page.getByTestId("kiosk-rules");
      await expect(rules).toBeVisible();
      const before = Number(await rules.getAttribute("data-version"));
      await page.getByTestId("kiosk-accept").click();
      await expect(page.getByTestId("kiosk-outcome-checked-in").getByRole("heading", { level: 1 })).toHaveText(
        `Welkom, ${firstName}`,
      );
      await checkOutWithPass(page, passId, firstName);

      // The manager publishes a new version (same title: other specs rely on it).
      const m = manager.page;
      await m.goto("/nl/staff/house-rules?location=loc-centrum");
      await expect(m.getByTestId("rules-form")).toBeVisible();
      await expect(m.getByTestId("connection-status")).toHaveAttribute("data-state", "connected", { timeout: 20_000 });
      const body = m.locator("#rules-nl-body");
      const marker = `Regel ${uniqueSuffix()}: houd de ingang vrij.`;
      await body.fill(`${(await body.inputValue()).trimEnd()}\n${marker}`);
      await m.getByTestId("rules-publish").click();
      await expect(m.getByTestId("rules-confirm")).toBeVisible();
      await m.getByRole("button", { name: /^Ja, publiceer versie \d+$/ }).click();
      await expect(m.getByText(/Versie \d+ is gepubliceerd/)).toBeVisible();
      const published = await e2eDb().houseRules.findFirst({
        where: { locationId: "loc-centrum", language: "nl", publishedAt: { not: null } },
        orderBy: { version: "desc" },
      });
      expect(published?.version).toBeGreaterThan(before);
      expect(published?.body).toContain(marker);

      // Second visit: the new rules again, with the new text.
      await wedgeScan(page, passId);
      await expect(rules).toBeVisible();
      await expect(rules).toHaveAttribute("data-version", String(published!.version));
      await expect(rules).toContainText(marker);
      await page.getByTestId("kiosk-accept").click();
      await expect(page.getByTestId("kiosk-outcome-checked-in").getByRole("heading", { level: 1 })).toHaveText(
        `Welkom, ${firstName}`,
      );
      await checkOutWithPass(page, passId, firstName);

      // Third visit: accepted already, straight in.
      await wedgeScan(page, passId);
      await expect(page.getByTestId("kiosk-outcome-checked-in").getByRole("heading", { level: 1 })).toHaveText(
        `Welkom, ${firstName}`,
      );
      await expect(rules).toHaveCount(0);
      await checkOutWithPass(page, passId, firstName);
    } finally {
      await manager.context.close();
      await context.close();
    }
  });

  test("a banned walk-in: the kiosk says only 'please wait', the desk gets a silent alert live", async ({
    browser,
    baseURL,
  }) => {
    const firstName = uniqueName("Kees");
    const lastName = "Verbeek";
    const dateOfBirth = "1984-06-09";
    const ban = await createNameBan(e2eDb(), { firstName, lastName, dateOfBirth });

    const desk = await newSignedInContext(browser, baseURL!, "reception");
    const { context, page } = await openKiosk(browser, baseURL!, kioskState);
    try {
      await desk.page.goto("/nl/staff/desk?location=loc-centrum");
      await expect(desk.page.getByTestId("desk-alerts")).toBeVisible();
      await expect(desk.page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected", {
        timeout: 20_000,
      });
      // A marker in the page's window: gone if anything reloads the page.
      await desk.page.evaluate(() => Object.assign(window, { __deskNotReloaded: true }));
      const alert = desk.page.getByTestId("desk-alert-BAN_MATCH").filter({ hasText: `${firstName} ${lastName}` });
      await expect(alert).toHaveCount(0);

      // The same person, written a little differently, at the kiosk.
      await walkInFull(page, {
        firstName: firstName.toUpperCase(),
        lastName: ` ${lastName.toLowerCase()} `,
        dateOfBirth,
        purpose: "Vraag over mijn uitkering",
      });
      const wait = page.getByTestId("kiosk-outcome-please-wait");
      await expect(wait).toBeVisible();
      await expect(wait.getByRole("heading", { level: 1 })).toHaveText("Wacht u even?");
      await expect(page.getByTestId("kiosk-rules")).toHaveCount(0);
      // Nothing on the screen (or for a screen reader) hints at a ban.
      await expect(page.locator("body")).not.toContainText(/verbod|verboden|\bban|geweigerd|blokkade|blocked/i, {
        useInnerText: true,
      });
      await expectNoSeriousAxeViolations(page, "please wait");

      // The desk: the alert arrives within seconds, without a reload.
      await expect(alert).toBeVisible({ timeout: 5_000 });
      await expect(alert).toHaveAttribute("data-visit-id", /.+/);
      await expect(alert.locator('[data-field="contact"]')).toContainText(ban.contactName);
      await expect(desk.page.getByTestId("desk-announcer")).toHaveText("Nieuwe melding voor de balie.");
      expect(await desk.page.evaluate(() => "__deskNotReloaded" in window)).toBe(true);

      const visit = await e2eDb().visit.findFirst({ where: { banId: ban.id } });
      expect(visit?.banAlert).toBe(true);
    } finally {
      await context.close();
      await desk.context.close();
    }
  });
});
