// Appointments and client passes end to end (issue 4, parts 5 and 7):
//  - a receptionist books an appointment for today with a host, downloads the invite letter (a
//    PDF), the QR image decodes to the code printed in the letter, the visitor scans it at the
//    kiosk (keyboard-wedge scanner), accepts the house rules, and the host — signed in elsewhere —
//    gets a notice;
//  - the receptionist finds a visitor, issues a client pass, prints it (PDF) and the visitor checks
//    in with that pass id;
//  - a staff member (not the host) does not see another's appointment; reception never the purpose.
// Axe checks the screens. Data is created per run (unique names): other specs share the database.
import type { Page } from "@playwright/test";
import { zxing } from "../src/kiosk/scan/zxing-lib";
import { pdfText } from "../tests/helpers/pdf-text";
import { expect, test } from "./fixtures";
import { closeE2eDb, e2eDb, uniqueSuffix } from "./support/appointments";
import { newSignedInContext } from "./support/auth";
import { DEMO_LOCATIONS, DEMO_USERS } from "./support/demo";
import { expectNoSeriousAxeViolations, openKiosk, pairKiosk, type StorageState, wedgeScan } from "./support/kiosk";

test.describe.configure({ timeout: 240_000 });
// Generous: against the shared development server a first visit compiles the page (slow on 2 cores).
test.use({ navigationTimeout: 90_000 });
test.afterAll(closeE2eDb);

/** The server's clock (the browser tests may have moved it) as HH:MM in Amsterdam. */
async function serverTimeHm(page: Page): Promise<string> {
  const health = (await (await page.request.get("/api/health")).json()) as { time: string };
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Amsterdam",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(health.time));
}

/** Rebuilds the QR matrix from the SVG image the server sent (one `M x y h1v1h-1z` per module) and decodes it. */
function decodeQrSvg(svg: string): string {
  const size = Number(/viewBox="0 0 (\d+) \d+"/.exec(svg)![1]);
  const scale = 4;
  const side = size * scale;
  const lum = new Uint8ClampedArray(side * side).fill(255);
  for (const [, xs, ys] of svg.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) {
    const x = Number(xs);
    const y = Number(ys);
    for (let dy = 0; dy < scale; dy++)
      lum.fill(0, (y * scale + dy) * side + x * scale, (y * scale + dy) * side + (x + 1) * scale);
  }
  const bitmap = new zxing.BinaryBitmap(new zxing.HybridBinarizer(new zxing.RGBLuminanceSource(lum, side, side)));
  return new zxing.QRCodeReader().decode(bitmap).getText();
}

let kioskState: StorageState;
test.beforeAll(async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  kioskState = await pairKiosk(e2eDb(), browser, baseURL!, { name: `E2E kiosk afspraken ${uniqueSuffix()}` });
});

test("appointment → invite letter → check-in at the kiosk with that QR → host notified", async ({
  page,
  browser,
  baseURL,
  signInAs,
}) => {
  const firstName = `Lotte${uniqueSuffix()}`;
  const lastName = "Uitnodiging";
  const host = await newSignedInContext(browser, baseURL!, "staff");
  try {
    await signInAs("reception");
    await page.goto(`/nl/staff/appointments?location=${DEMO_LOCATIONS.centrum.id}`);
    await expect(page.getByRole("heading", { level: 1, name: "Afspraken" })).toBeVisible({ timeout: 30_000 });
    await expectNoSeriousAxeViolations(page, "appointments list");

    await page.getByTestId("new-appointment").click();
    const form = page.getByTestId("appointment-form");
    await expect(form).toBeVisible({ timeout: 30_000 });
    // An empty form is refused with messages at its fields.
    await form.getByRole("button", { name: "Afspraak opslaan" }).click();
    await expect(page.getByTestId("appt-firstName-error")).toBeVisible();
    await expectNoSeriousAxeViolations(page, "appointment form with errors");

    await form.getByLabel("Voornaam").fill(firstName);
    await form.getByLabel("Achternaam").fill(lastName);
    await form.getByLabel("Begintijd").fill(await serverTimeHm(page));
    await form.getByLabel("Medewerker").selectOption({ label: DEMO_USERS.staff.name });
    await form.getByLabel("Ruimte").selectOption({ label: "Spreekkamer 1" });
    await form.getByLabel("Doel van het gesprek").fill("Geheim doel e2e");
    await form.getByRole("button", { name: "Afspraak opslaan" }).click();
    await expect(page.getByTestId("appointment-created")).toContainText(firstName, { timeout: 60_000 });

    const row = page.getByTestId("appointments-today").locator("tr", { hasText: firstName });
    await expect(row).toBeVisible();
    // Reception sees time, visitor, host and room, never the purpose.
    await expect(row).toContainText(DEMO_USERS.staff.name);
    await expect(row).toContainText("Spreekkamer 1");
    await expect(page.getByText("Geheim doel e2e")).toHaveCount(0);
    const appointmentId = (await row.getAttribute("data-testid"))!.replace("appointment-row-", "");

    // The letter, downloaded as the receptionist does.
    const downloading = page.waitForEvent("download", { timeout: 90_000 });
    await row.getByTestId("appointment-letter").click();
    const download = await downloading;
    const pdf = await download.createReadStream().then(
      (s) =>
        new Promise<Buffer>((resolve, reject) => {
          const chunks: Buffer[] = [];
          s.on("data", (c: Buffer) => chunks.push(c));
          s.on("end", () => resolve(Buffer.concat(chunks)));
          s.on("error", reject);
        }),
    );
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(download.suggestedFilename()).not.toContain(firstName);
    const text = pdfText(pdf);
    expect(text).toContain(DEMO_LOCATIONS.centrum.name);
    expect(text).toContain(DEMO_USERS.staff.name);
    expect(text).not.toContain("Geheim doel e2e");
    const invite = /PI1\.[\w.-]+/.exec(text)?.[0];
    expect(invite, "the letter prints the invite code").toBeTruthy();

    // The QR image holds the same invite.
    const image = await page.request.get(`/api/appointments/${appointmentId}/qr`, { timeout: 90_000 });
    expect(image.headers()["content-type"]).toContain("image/svg+xml");
    expect(decodeQrSvg(await image.text())).toBe(invite);

    // Another staff member (not the host) cannot fetch it: 404, not 403.
    const stranger = await newSignedInContext(browser, baseURL!, "shelterReception");
    try {
      expect(
        (await stranger.context.request.get(`/api/appointments/${appointmentId}/letter`, { timeout: 90_000 })).status(),
      ).toBe(404);
    } finally {
      await stranger.context.close();
    }

    // The host waits on their dashboard, live.
    await host.page.goto("/nl/staff");
    await expect(host.page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected", {
      timeout: 30_000,
    });
    // The host sees the purpose of their own appointment.
    await host.page.goto(`/nl/staff/appointments?location=${DEMO_LOCATIONS.centrum.id}`);
    await expect(host.page.getByTestId("appointments-today").locator("tr", { hasText: firstName })).toContainText(
      "Geheim doel e2e",
    );
    await expect(host.page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected", {
      timeout: 30_000,
    });

    // The visitor scans the letter's QR code at the kiosk (a keyboard-wedge scanner types it).
    const kiosk = await openKiosk(browser, baseURL!, kioskState);
    try {
      await wedgeScan(kiosk.page, invite!);
      const rules = kiosk.page.getByTestId("kiosk-rules");
      await expect(rules).toBeVisible({ timeout: 20_000 });
      await expect(rules).toContainText(`Welkom, ${firstName}.`);
      await kiosk.page.getByTestId("kiosk-accept").click();
      await expect(kiosk.page.getByTestId("kiosk-outcome-checked-in").getByRole("heading", { level: 1 })).toHaveText(
        `Welkom, ${firstName}`,
      );
    } finally {
      await kiosk.context.close();
    }

    // The host is told (helper B's staff notices in the staff layout).
    await expect(host.page.getByTestId("staff-notice").filter({ hasText: firstName })).toBeVisible({
      timeout: 20_000,
    });
    // The receptionist's list shows the arrival; the invite is spent.
    await expect(row.getByTestId("appointment-status")).toHaveText("Aangemeld", { timeout: 20_000 });
  } finally {
    await host.context.close();
  }
});

test("a staff member sees only their own appointments", async ({ page, signInAs }) => {
  const firstName = `Bert${uniqueSuffix()}`;
  // Booked for the manager: the demo staff member (medewerker) is not the host.
  const visitor = await e2eDb().visitor.create({ data: { firstName, lastName: "Ander" } });
  await e2eDb().appointment.create({
    data: {
      locationId: DEMO_LOCATIONS.centrum.id,
      hostId: DEMO_USERS.manager.id,
      visitorId: visitor.id,
      startsAt: new Date(Date.now() + 5 * 60_000),
      purpose: "e2e",
    },
  });
  await signInAs("staff");
  await page.goto(`/nl/staff/appointments?location=${DEMO_LOCATIONS.centrum.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Afspraken" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(firstName)).toHaveCount(0);
});

test("issue a client pass, print it, and check in at the kiosk with it", async ({
  page,
  browser,
  baseURL,
  signInAs,
}) => {
  const firstName = `Pim${uniqueSuffix()}`;
  // Someone who visited Centrum before (found only by staff of that location).
  const visitor = await e2eDb().visitor.create({ data: { firstName, lastName: "Pasgever" } });
  await e2eDb().appointment.create({
    data: {
      locationId: DEMO_LOCATIONS.centrum.id,
      hostId: DEMO_USERS.staff.id,
      visitorId: visitor.id,
      startsAt: new Date(Date.now() - 7 * 24 * 3600_000),
      status: "DONE",
    },
  });

  await signInAs("reception");
  await page.goto("/nl/staff/visitors");
  await expect(page.getByRole("heading", { level: 1, name: "Bezoekers" })).toBeVisible({ timeout: 30_000 });
  await page.getByLabel("Naam").fill(firstName);
  await page.getByRole("button", { name: "Zoeken" }).click();
  await expect(page.getByTestId("visitor-result")).toHaveCount(1);
  expect(page.url()).not.toContain(firstName); // names never in URLs
  await expectNoSeriousAxeViolations(page, "visitor search");
  await page.getByTestId("visitor-result").getByRole("link").click();
  await expect(page.getByTestId("visitor-name")).toHaveText(`${firstName} Pasgever`, { timeout: 30_000 });
  // Reception has no visit history.
  await expect(page.getByTestId("show-history")).toHaveCount(0);

  await page.getByRole("button", { name: "Pas uitgeven" }).click();
  await expect(page.getByTestId("issue-pass-ok")).toBeVisible();
  const passId = (await page.getByTestId("visitor-pass-id").textContent())!.trim();
  expect(passId).toMatch(/^PP1\.[2-9A-Z]{16}$/);
  await expectNoSeriousAxeViolations(page, "visitor page");

  const downloading = page.waitForEvent("download", { timeout: 90_000 });
  await page.getByTestId("print-pass").click();
  const download = await downloading;
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  const pdf = Buffer.concat(chunks);
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  const text = pdfText(pdf);
  expect(text).toContain(firstName);
  expect(text).toContain(passId);
  expect(text).not.toContain("Pasgever");

  const kiosk = await openKiosk(browser, baseURL!, kioskState);
  try {
    await wedgeScan(kiosk.page, passId);
    const rules = kiosk.page.getByTestId("kiosk-rules");
    await expect(rules).toBeVisible({ timeout: 20_000 });
    await kiosk.page.getByTestId("kiosk-accept").click();
    await expect(kiosk.page.getByTestId("kiosk-outcome-checked-in").getByRole("heading", { level: 1 })).toHaveText(
      `Welkom, ${firstName}`,
    );
  } finally {
    await kiosk.context.close();
  }

  // A manager may read the history; reading it is audited.
  const manager = await newSignedInContext(browser, baseURL!, "manager");
  try {
    await manager.page.goto(`/nl/staff/visitors/${visitor.id}`);
    await manager.page.getByTestId("show-history").click();
    await expect(manager.page.getByTestId("visit-history")).toContainText(DEMO_LOCATIONS.centrum.name, {
      timeout: 30_000,
    });
    const audit = await e2eDb().auditEvent.findFirst({
      where: { action: "visitor.history_viewed", subjectId: visitor.id, actorId: DEMO_USERS.manager.id },
    });
    expect(audit).toBeTruthy();
  } finally {
    await manager.context.close();
  }
});
