// Evacuation roll call (issue 6) end to end, at a location of its own (created in the e2e database,
// so no other spec's kiosk is refused while this one runs): a receptionist starts a drill; two
// marshals on their own browser contexts see each other's marks live; the kiosk shows the
// evacuation screen, refuses a check-in with EVACUATION_IN_PROGRESS and still checks out (counted
// as left); a marshal taken offline marks three people, the roll call stays readable (also after a
// reload with no network), and the marks reach the other marshal after reconnecting; the printable
// roll call holds everyone present; axe on the marshal page; the end lists it as a drill.
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { hashPassword } from "../src/domain/staff/passwords";
import type { PrismaClient } from "../src/generated/prisma/client";
import { pdfText } from "../tests/helpers/pdf-text";
import { expect, test } from "./fixtures";
import { closeE2eDb, createPassVisitor, e2eDb, uniqueSuffix } from "./support/appointments";
import { signInViaApi } from "./support/auth";
import { expectNoSeriousAxeViolations, pairKiosk, type StorageState, wedgeScan } from "./support/kiosk";

const PASSWORD = "ontruiming-e2e-wachtwoord";
const LIVE = { timeout: 15_000 };

interface Site {
  locationId: string;
  marshals: { email: string; name: string }[];
  visitors: { name: string; passId: string; visitId: string }[];
  /** Displayed names, as the roll call shows them (visitors: first name and initial). */
  present: string[];
  newcomerPass: string;
}

async function makeSite(db: PrismaClient): Promise<Site> {
  const s = uniqueSuffix();
  const org = await db.organisation.findFirstOrThrow();
  const locationId = `loc-e2e-evac-${s}`;
  // "Zz": sorts after the demo locations, so nobody's default location changes.
  await db.location.create({
    data: { id: locationId, organisationId: org.id, name: `Zz Ontruiming ${s}`, kind: "APPOINTMENT" },
  });
  const kantine = await db.room.create({ data: { locationId, name: "Kantine", kind: "WAITING" } });
  const spreek = await db.room.create({ data: { locationId, name: "Spreekkamer 9", kind: "CONSULT" } });
  const hash = await hashPassword(PASSWORD);
  const marshals = [];
  for (const [i, name] of ["Mila Marshal", "Noah Marshal"].entries()) {
    const email = `evac-${i}-${s}@e2e.test`;
    const staff = await db.staffMember.create({
      data: {
        name: `${name} ${s}`,
        email,
        role: "RECEPTION",
        passwordHash: hash,
        locations: { create: [{ locationId }] },
      },
    });
    await db.staffPresence.create({
      data: { staffId: staff.id, locationId, signedInAt: new Date(), signedInBy: "DASHBOARD" },
    });
    marshals.push({ email, name: staff.name });
  }
  const visitors = [];
  for (const [i, first] of ["Ada", "Bas", "Cor", "Dewi"].entries()) {
    const { visitor, passId } = await createPassVisitor(db, `${first}${s}`, "Evacuatie");
    if (i === 3) await db.visitor.update({ where: { id: visitor.id }, data: { needsEvacuationHelp: true } });
    const visit = await db.visit.create({
      data: { locationId, visitorId: visitor.id, method: "PASS", roomId: i % 2 ? spreek.id : kantine.id },
    });
    visitors.push({ name: `${first}${s} E.`, passId, visitId: visit.id });
  }
  const newcomer = await createPassVisitor(db, `Eva${s}`, "Nieuw");
  return {
    locationId,
    marshals,
    visitors,
    present: [...marshals.map((m) => m.name), ...visitors.map((v) => v.name)],
    newcomerPass: newcomer.passId,
  };
}

async function marshalContext(browser: Browser, baseURL: string, email: string) {
  const context = await browser.newContext({
    baseURL,
    locale: "nl-NL",
    timezoneId: "Europe/Amsterdam",
    viewport: { width: 420, height: 900 },
  });
  await signInViaApi(context.request, email, PASSWORD);
  const page = await context.newPage();
  page.on("dialog", (d) => void d.accept());
  return { context, page };
}

const person = (page: Page, name: string) => page.locator(`[data-testid="marshal-person"][data-name="${name}"]`);

async function mark(page: Page, name: string, status: "SAFE" | "NEEDS_HELP" | "NOT_FOUND") {
  await person(page, name).getByTestId(`mark-${status}`).click();
}

test.describe("evacuation roll call", () => {
  test.describe.configure({ mode: "serial", timeout: 180_000 });

  let db: PrismaClient;
  let site: Site;
  let kioskState: StorageState;
  const contexts: BrowserContext[] = [];

  test.beforeAll(async ({ browser, baseURL }) => {
    test.setTimeout(90_000);
    db = e2eDb();
    site = await makeSite(db);
    kioskState = await pairKiosk(db, browser, baseURL!, { locationId: site.locationId, name: `E2E kiosk ontruiming` });
  });

  test.afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    // Never leave an evacuation running in the shared e2e database.
    await db.evacuation.updateMany({
      where: { locationId: site.locationId, endedAt: null },
      data: { endedAt: new Date() },
    });
    await db.location.update({ where: { id: site.locationId }, data: { emergencyRelease: false } });
    await closeE2eDb();
  });

  test("two marshals, the kiosk, an offline marshal, the printed roll call, the end", async ({ browser, baseURL }) => {
    const m1 = await marshalContext(browser, baseURL!, site.marshals[0].email);
    const m2 = await marshalContext(browser, baseURL!, site.marshals[1].email);
    contexts.push(m1.context, m2.context);

    // Start a drill from the dashboard.
    await m1.page.goto(`/nl/staff/evacuation?location=${site.locationId}`);
    await expect(m1.page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected", LIVE);
    await expectNoSeriousAxeViolations(m1.page, "evacuation start page");
    await m1.page.getByTestId("evac-kind-drill").check();
    await m1.page.getByTestId("evac-start").click();
    await expect(m1.page).toHaveURL(/\/nl\/staff\/evacuation\/[^/?]+$/, LIVE);
    const evacuationId = m1.page.url().split("/").at(-1)!;
    await expect(m1.page.getByTestId("marshal-person")).toHaveCount(site.present.length);
    // Needs-help first, and marked for the marshals.
    await expect(person(m1.page, site.visitors[3].name).getByTestId("marshal-needs-help")).toBeVisible();
    // Every door released (the location's emergency release is on).
    expect((await db.location.findUniqueOrThrow({ where: { id: site.locationId } })).emergencyRelease).toBe(true);

    // The second marshal opens the running evacuation from the dashboard.
    await m2.page.goto(`/nl/staff/evacuation?location=${site.locationId}`);
    await m2.page.getByTestId("evac-open").click();
    await expect(m2.page.getByTestId("marshal")).toHaveAttribute("data-evacuation", evacuationId);
    await expect(m2.page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected", LIVE);
    await expect(m1.page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected", LIVE);
    await expectNoSeriousAxeViolations(m2.page, "marshal roll call");

    // Each sees the other's marks live.
    await mark(m1.page, site.visitors[0].name, "SAFE");
    await expect(person(m2.page, site.visitors[0].name)).toHaveAttribute("data-status", "SAFE", LIVE);
    await mark(m2.page, site.visitors[1].name, "NOT_FOUND");
    await expect(person(m1.page, site.visitors[1].name)).toHaveAttribute("data-status", "NOT_FOUND", LIVE);
    // Both mark the same person: the later mark wins on both devices, both are in the history.
    await mark(m1.page, site.visitors[1].name, "SAFE");
    await expect(person(m2.page, site.visitors[1].name)).toHaveAttribute("data-status", "SAFE", LIVE);
    await expect(m1.page.getByTestId("marshal-counts")).toHaveAttribute("data-accounted", "2", LIVE);
    await expect(m2.page.getByTestId("marshal-counts")).toHaveAttribute("data-accounted", "2", LIVE);
    expect(await db.evacuationMark.count({ where: { evacuationId } })).toBe(3);

    // The printable roll call holds everyone present.
    const pdf = await m1.context.request.get(`/api/evacuations/${evacuationId}/roll-call?lang=nl`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    const text = pdfText(await pdf.body());
    for (const name of site.present) expect(text).toContain(name);

    // The kiosk: the evacuation screen in every language; a check-in is refused; a check-out counts as left.
    const kiosk = await browser.newContext({
      baseURL,
      storageState: kioskState,
      locale: "nl-NL",
      timezoneId: "Europe/Amsterdam",
      viewport: { width: 1280, height: 800 },
    });
    contexts.push(kiosk);
    const kp = await kiosk.newPage();
    await kp.goto("/nl/kiosk");
    const screen = kp.getByTestId("kiosk-outcome-evacuation");
    await expect(screen).toBeVisible(LIVE);
    for (const title of ["Ontruiming", "Evacuation", "Ewakuacja", "Tahliye", "إخلاء"])
      await expect(screen).toContainText(title);
    await expect(kp.getByTestId("connection-status")).toHaveAttribute("data-state", "connected", LIVE);
    const refused = await kiosk.request.post("/api/kiosk/identify", {
      data: { language: "nl", input: { kind: "scan", text: site.newcomerPass } },
    });
    expect(await refused.json()).toEqual({ step: "evacuation", code: "EVACUATION_IN_PROGRESS" });
    // A scan at the evacuation screen (a newcomer) checks nobody in: there it is a check-out, and
    // the newcomer has no visit — the kiosk keeps telling them to leave (not "see the desk"). Its
    // answer is awaited (a late one would replace the leave screen).
    const answered = kp.waitForResponse((r) => r.url().endsWith("/api/kiosk/check-out"));
    await wedgeScan(kp, site.newcomerPass);
    expect(await (await answered).json()).toMatchObject({ step: "evacuation" });
    await expect(screen).toBeVisible();
    await kp.getByTestId("kiosk-evacuation-leave").click();
    await expect(kp.getByTestId("kiosk-leave-screen")).toBeVisible();
    await wedgeScan(kp, site.visitors[2].passId);
    await expect(kp.getByTestId("kiosk-outcome-checked-out")).toBeVisible(LIVE);
    await expect(person(m1.page, site.visitors[2].name)).toHaveAttribute("data-status", "LEFT", LIVE);
    await expect(person(m2.page, site.visitors[2].name)).toHaveAttribute("data-status", "LEFT", LIVE);
    const newcomer = await db.visitor.findFirstOrThrow({ where: { passId: site.newcomerPass } });
    expect(await db.visit.count({ where: { visitorId: newcomer.id } })).toBe(0);

    // The second marshal loses the network and marks three people.
    await m2.context.setOffline(true);
    const offline = [site.visitors[3].name, site.marshals[0].name, site.marshals[1].name];
    await mark(m2.page, offline[0], "NEEDS_HELP");
    await mark(m2.page, offline[1], "SAFE");
    await mark(m2.page, offline[2], "SAFE");
    await expect(m2.page.getByTestId("marshal-offline")).toHaveAttribute("data-queued", "3", LIVE);
    for (const name of offline) await expect(person(m2.page, name)).toHaveAttribute("data-queued", "true");
    // Nothing reached the server or the other marshal yet.
    await m1.page.waitForTimeout(1000);
    for (const name of offline) await expect(person(m1.page, name)).toHaveAttribute("data-status", "MISSING");
    // Readable with no network at all: the page comes back from the service worker and this device's copy.
    await m2.page.reload();
    await expect(m2.page.getByTestId("marshal-person")).toHaveCount(site.present.length, LIVE);
    await expect(person(m2.page, offline[1])).toHaveAttribute("data-status", "SAFE");
    await expect(m2.page.getByTestId("marshal-offline")).toHaveAttribute("data-queued", "3");

    // Back online: the queued marks are sent and reach the other marshal.
    await m2.context.setOffline(false);
    await expect(person(m1.page, offline[0])).toHaveAttribute("data-status", "NEEDS_HELP", LIVE);
    await expect(person(m1.page, offline[1])).toHaveAttribute("data-status", "SAFE", LIVE);
    await expect(person(m1.page, offline[2])).toHaveAttribute("data-status", "SAFE", LIVE);
    await expect(m2.page.getByTestId("marshal-offline")).toHaveCount(0, LIVE);
    expect(await db.evacuationMark.count({ where: { evacuationId, source: "MARSHAL" } })).toBe(6);

    // The last one found; everyone accounted for; the end.
    await mark(m1.page, offline[0], "SAFE");
    await expect(m2.page.getByTestId("marshal-counts")).toHaveAttribute("data-missing", "0", LIVE);
    await m1.page.getByTestId("marshal-end").click();
    await expect(m1.page.getByTestId("marshal-ended")).toBeVisible(LIVE);
    await expect(m2.page.getByTestId("marshal-ended")).toBeVisible(LIVE);
    await expect(kp.getByTestId("kiosk-outcome-evacuation")).toHaveCount(0, LIVE);
    expect((await db.location.findUniqueOrThrow({ where: { id: site.locationId } })).emergencyRelease).toBe(false);

    const csv = await m1.context.request.get(`/api/evacuations/${evacuationId}/summary?format=csv`);
    expect(csv.status()).toBe(200);
    const body = await csv.text();
    expect(body).toContain("kind,drill");
    for (const name of site.present) expect(body).toContain(name);
    await m1.page.goto(`/nl/staff/evacuation?location=${site.locationId}`);
    await expect(m1.page.getByTestId("evac-past-row").first()).toHaveAttribute("data-drill", "true");
  });
});
