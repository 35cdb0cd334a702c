// Kiosk helpers for browser tests: pair a kiosk (registered straight in the e2e database, paired
// through POST /api/devices/pair like the pair form), open it in its own context, feed the
// keyboard wedge, build identity-document MRZs with correct check digits, axe.
import { createHash, randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, type BrowserContext, expect, type Page } from "@playwright/test";
import type { PrismaClient } from "../../src/generated/prisma/client";
import { serverNow, withServerClockHeld } from "./clock";
import { DEMO_LOCATIONS } from "./demo";
import { wedgeScan } from "./wedge";

export { wedgeScan };

export type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

/** Which device to pair: its name, location, kind (a kiosk unless said) and room. */
type PairOptions = { name?: string; locationId?: string; kind?: "KIOSK" | "ROOM_TABLET" | "DESK"; roomId?: string };

const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/**
 * Registers a kiosk at a location in the database with a fresh pairing code (stored hashed, as
 * registerDevice does), then pairs a new context with that code: returns its storage state
 * (the httpOnly device cookie), for any number of kiosk contexts.
 */
export async function pairKiosk(
  db: PrismaClient,
  browser: Browser,
  baseURL: string,
  opts: PairOptions = {},
): Promise<StorageState> {
  const bytes = randomBytes(8);
  const code = Array.from(bytes, (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
  const device = await browser.newContext({ baseURL, locale: "nl-NL", timezoneId: "Europe/Amsterdam" });
  try {
    // Valid for ten minutes of the SERVER's clock, which other specs move forward: held still
    // from reading it until the code is used (e2e/support/clock.ts).
    return await withServerClockHeld(device.request, baseURL, () => pairWith(db, device, baseURL, code, opts));
  } finally {
    await device.close();
  }
}

async function pairWith(
  db: PrismaClient,
  device: BrowserContext,
  baseURL: string,
  code: string,
  opts: PairOptions,
): Promise<StorageState> {
  const serverTime = await serverNow(device.request, baseURL);
  await db.device.create({
    data: {
      name: opts.name ?? `E2E kiosk ${code}`,
      kind: opts.kind ?? "KIOSK",
      locationId: opts.locationId ?? DEMO_LOCATIONS.centrum.id,
      roomId: opts.roomId ?? null,
      pairingCodeHash: createHash("sha256").update(code).digest("hex"),
      pairingExpiresAt: new Date(serverTime.getTime() + 10 * 60_000),
    },
  });
  const res = await device.request.post("/api/devices/pair", {
    data: { code: `${code.slice(0, 4)}-${code.slice(4)}` },
  });
  expect(res.status(), await res.text()).toBe(200);
  return await device.storageState();
}

/** The kiosk in its own context of `browser`, on its idle screen and live. */
export async function openKiosk(
  browser: Browser,
  baseURL: string,
  storageState: StorageState,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    storageState,
    locale: "nl-NL",
    timezoneId: "Europe/Amsterdam",
    viewport: { width: 1280, height: 800 },
    permissions: ["camera"],
  });
  const page = await context.newPage();
  await page.goto("/nl/kiosk");
  await expect(page.getByTestId("kiosk-idle")).toBeVisible();
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected", { timeout: 20_000 });
  return { context, page };
}

/** From the checked-in greeting back to the start, then out again with the same pass. */
export async function checkOutWithPass(page: Page, passId: string, firstName: string): Promise<void> {
  await page.getByTestId("kiosk-done").click();
  await expect(page.getByTestId("kiosk-idle")).toBeVisible();
  await page.getByTestId("kiosk-leave").click();
  await expect(page.getByTestId("kiosk-leave-screen")).toBeVisible();
  await wedgeScan(page, passId);
  const bye = page.getByTestId("kiosk-outcome-checked-out");
  await expect(bye.getByRole("heading", { level: 1 })).toHaveText(`Tot ziens, ${firstName}`);
  await page.getByTestId("kiosk-done").click();
  await expect(page.getByTestId("kiosk-idle")).toBeVisible();
}

/** Fills the FULL walk-in form (Wijkbureau Centrum), with a date of birth (yyyy-mm-dd), and sends it. */
export async function walkInFull(
  page: Page,
  p: { firstName: string; lastName: string; dateOfBirth?: string; purpose: string },
): Promise<void> {
  await page.getByTestId("kiosk-walk-in").click();
  const form = page.getByTestId("kiosk-walk-in-form");
  await expect(form).toBeVisible();
  await form.getByLabel("Voornaam").fill(p.firstName);
  await form.getByLabel("Achternaam").fill(p.lastName);
  if (p.dateOfBirth) {
    const [year, month, day] = p.dateOfBirth.split("-");
    await form.getByTestId("kiosk-field-day").fill(day);
    await form.getByTestId("kiosk-field-month").fill(month);
    await form.getByTestId("kiosk-field-year").fill(year);
  }
  await form.getByLabel("Bij wie komt u, of waarvoor komt u?").fill(p.purpose);
  await form.getByRole("button", { name: "Aanmelden" }).click();
}

const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** Axe (WCAG 2.2 AA): no serious or critical violations on the page as it is. */
export async function expectNoSeriousAxeViolations(page: Page, screen: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${screen}: ${v.id}: ${v.help} (${v.nodes.length}×)`)).toEqual([]);
}

// --- Identity documents (ICAO 9303): tests/helpers/mrz-builder.ts builds them.

export { td1 as td1Mrz } from "../../tests/helpers/mrz-builder";

/** A document number nobody used yet (letters and digits, 9 characters). */
export function uniqueDocumentNumber(): string {
  const bytes = randomBytes(7);
  return `E2${Array.from(bytes, (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("")}`;
}
