// The incident register in Chromium: an alarm's all-clear at the desk → "Incident registreren"
// (pre-filled from the alarm: room, the host and visitor of the visit in that room) → physical
// violence → closing is refused until a complaint status (or a reason) is recorded → the
// response "pandverbod" creates a ban with an end date → that visitor's next check-in at the
// kiosk only says "please wait" while the desk gets the silent BAN_MATCH alert. Axe scans the
// new pages (registration, detail, list, evaluation, settings). The spec builds its own
// location, room, manager, visitor, kiosk and an OPEN alarm (other specs share the database).
import type { Browser } from "@playwright/test";
import { INCIDENT_RESPONSE_OVERDUE_JOB, responseOverdueKey } from "../src/domain/incidents/incidents";
import { hashPassword } from "../src/domain/staff/passwords";
import { expect, test } from "./fixtures";
import { closeE2eDb, createPassVisitor, e2eDb, uniqueSuffix } from "./support/appointments";
import { signInViaApi } from "./support/auth";
import { advanceServerClock, serverNow } from "./support/clock";
import { DEMO_LOCATIONS } from "./support/demo";
import { expectNoSeriousAxeViolations, openKiosk, pairKiosk, wedgeScan } from "./support/kiosk";

const PASSWORD = "incident-e2e-password";
const DAY = 24 * 60 * 60 * 1000;

test.afterAll(closeE2eDb);

async function makeSite(browser: Browser, baseURL: string) {
  const db = e2eDb();
  const suffix = uniqueSuffix();
  const centrum = await db.location.findUniqueOrThrow({ where: { id: DEMO_LOCATIONS.centrum.id } });
  const location = await db.location.create({
    data: {
      organisationId: centrum.organisationId,
      name: `Meldpunt ${suffix}`,
      kind: "APPOINTMENT",
      timeZone: "Europe/Amsterdam",
      deskPhone: "020 123 4567",
      emergencyContacts: "Beveiliging: 020 765 4321",
      neighbourhoodOfficer: "Wijkagent Jansen, 06 1234 5678",
    },
  });
  const room = await db.room.create({
    data: { locationId: location.id, name: "Spreekkamer Incident", kind: "CONSULT" },
  });
  const manager = await db.staffMember.create({
    data: {
      name: `Leidinggevende ${suffix.slice(-4)}`,
      email: `incident-${suffix.toLowerCase()}@e2e.test`,
      role: "MANAGER",
      passwordHash: await hashPassword(PASSWORD),
      locations: { create: [{ locationId: location.id }] },
    },
  });
  const kiosk = await pairKiosk(db, browser, baseURL, { locationId: location.id, name: `Kiosk ${suffix}` });
  const { visitor, passId } = await createPassVisitor(db, `Incident${suffix.slice(-5)}`, "Dader");
  // The conversation the alarm interrupted, in that room, with the manager as host.
  const probe = await browser.newContext({ baseURL });
  const now = await serverNow(probe.request, baseURL);
  await probe.close();
  const raisedAt = new Date(now.getTime() - 5 * 60_000);
  await db.visit.create({
    data: {
      locationId: location.id,
      visitorId: visitor.id,
      hostId: manager.id,
      roomId: room.id,
      method: "PASS",
      status: "CHECKED_OUT",
      checkedInAt: new Date(raisedAt.getTime() - 20 * 60_000),
      pickedUpAt: new Date(raisedAt.getTime() - 15 * 60_000),
      checkedOutAt: new Date(raisedAt.getTime() + 60_000),
    },
  });
  const alarm = await db.alarm.create({
    data: {
      locationId: location.id,
      roomId: room.id,
      level: "EMERGENCY",
      source: "ROOM_TABLET",
      status: "OPEN",
      raisedAt,
      confirmAt: raisedAt,
      openedAt: raisedAt,
    },
  });
  return { location, room, manager, kiosk, visitor, passId, alarm, now };
}

/** The site, and its manager signed in on a page of a new browser context. */
async function asManager(browser: Browser, base: string) {
  const site = await makeSite(browser, base);
  const context = await browser.newContext({ baseURL: base, locale: "nl-NL", timezoneId: "Europe/Amsterdam" });
  await signInViaApi(context.request, site.manager.email, PASSWORD);
  return { site, context, page: await context.newPage() };
}

/** An open incident at the site, registered by its manager at `at`, its response due at `responseDueAt`. */
function openIncident(
  site: Awaited<ReturnType<typeof makeSite>>,
  at: Date,
  responseDueAt: Date,
  { description, endedEarly }: { description: string; endedEarly: boolean },
) {
  return e2eDb().incident.create({
    data: {
      locationId: site.location.id,
      status: "OPEN",
      occurredAt: at,
      createdAt: at,
      createdById: site.manager.id,
      registeredById: site.manager.id,
      registeredAt: at,
      category: "JIJ_GEDRAG",
      description,
      endedEarly,
      acuteDanger: false,
      responseDueAt,
    },
  });
}

test.describe("incident register", () => {
  test.describe.configure({ timeout: 180_000 });

  test("all clear → register the incident → physical violence needs a complaint status → building ban → the kiosk's silent desk alert", async ({
    browser,
    baseURL,
  }) => {
    const base = baseURL as string;
    const { site, context, page } = await asManager(browser, base);
    try {
      // The all clear at the desk.
      await page.goto(`/nl/staff/desk?location=${site.location.id}`, { timeout: 60_000 });
      const deskAlarm = page.locator(`[data-testid="desk-alarm"][data-alarm-id="${site.alarm.id}"]`);
      await expect(deskAlarm).toBeVisible({ timeout: 20_000 });
      await deskAlarm.getByText("Opgelost").click();
      await deskAlarm.getByRole("button", { name: "Alarm afsluiten" }).click();
      const draft = page.getByTestId("alarm-incident-draft");
      await expect(draft).toBeVisible();
      const incidentId = (await draft.getAttribute("data-incident-id")) as string;
      expect(incidentId).toBeTruthy();

      // Register it, pre-filled from the alarm.
      await draft.getByTestId("alarm-incident-register").click();
      await expect(page.getByTestId("incident-prefilled")).toBeVisible({ timeout: 30_000 });
      await expect(page.getByLabel("Ruimte")).toHaveValue(site.room.id);
      await expect(page.getByLabel("Getroffen medewerker")).toHaveValue(site.manager.id);
      await expect(page.getByLabel("Betrokken bezoeker (indien bekend)")).toHaveValue(site.visitor.id);
      // The visitor can also be picked by name from the location's visitors of the last day.
      const recent = page.getByLabel("Bezoeker van het afgelopen etmaal");
      await expect(recent).toHaveValue(site.visitor.id);
      await recent.selectOption("");
      await expect(page.getByLabel("Betrokken bezoeker (indien bekend)")).toHaveValue("");
      await recent.selectOption(site.visitor.id);
      await expect(page.getByLabel("Betrokken bezoeker (indien bekend)")).toHaveValue(site.visitor.id);
      await expectNoSeriousAxeViolations(page, "incident registration");

      // Nothing chosen: the form says what is missing, and keeps what was typed.
      await page.getByRole("button", { name: "Incident registreren" }).click();
      await expect(page.getByTestId("incident-description-error")).toBeVisible();
      await expect(page.getByTestId("incident-category-error")).toBeVisible();

      await page.getByTestId("incident-category-PHYSICAL").check();
      await page.getByLabel("Wat is er gebeurd?").fill("Bezoeker duwde de medewerker tegen de deur en dreigde.");
      await page.getByTestId("incident-endedEarly").check();
      await page.getByRole("button", { name: "Incident registreren" }).click();

      const detail = page.getByTestId("incident-detail");
      await expect(detail).toHaveAttribute("data-incident-id", incidentId, { timeout: 30_000 });
      await expect(page.getByTestId("incident-registered")).toBeVisible();
      await expect(page.getByTestId("step-CRIMINAL_COMPLAINT")).toHaveAttribute("data-done", "false");
      await expect(page.getByTestId("incident-contacts")).toContainText("0900-8844");
      await expect(page.getByTestId("incident-contacts")).toContainText("Wijkagent Jansen");
      await expect(page.getByTestId("incident-aftercare").getByTestId("aftercare-form")).toHaveCount(3);
      await expectNoSeriousAxeViolations(page, "incident detail");

      // The manager is informed; closing is still refused: physical violence needs a complaint status.
      await page.getByTestId("step-managerInformed").check();
      await page.getByRole("button", { name: "Stappen opslaan" }).click();
      await expect(page.getByTestId("step-MANAGER_INFORMED")).toHaveAttribute("data-done", "true");
      await page.getByRole("button", { name: "Incident afsluiten" }).click();
      await expect(page.getByTestId("close-blocked")).toContainText("aangifte");
      expect((await e2eDb().incident.findUniqueOrThrow({ where: { id: incidentId } })).status).toBe("OPEN");

      // "Geen aangifte" needs a reason; "aangifte gedaan" settles it.
      await page.getByLabel("Aangifte", { exact: true }).selectOption("NOT_FILED");
      await page.getByRole("button", { name: "Stappen opslaan" }).click();
      await expect(page.getByTestId("steps-complaintReason-error")).toBeVisible();
      await page.getByLabel("Aangifte", { exact: true }).selectOption("FILED");
      await page.getByRole("button", { name: "Stappen opslaan" }).click();
      await expect(page.getByTestId("step-CRIMINAL_COMPLAINT")).toHaveAttribute("data-done", "true");

      // The response to the perpetrator: a building ban with an end date.
      const endDay = new Date(site.now.getTime() + 30 * DAY).toISOString().slice(0, 10);
      await page.getByLabel("Reactie", { exact: true }).selectOption("BUILDING_BAN");
      await page.getByLabel("Pandverbod tot en met").fill(endDay);
      await page.getByRole("button", { name: "Reactie vastleggen" }).click();
      await expect(page.getByTestId("response-given")).toHaveAttribute("data-kind", "BUILDING_BAN");
      const incident = await e2eDb().incident.findUniqueOrThrow({ where: { id: incidentId } });
      expect(incident.banId).toBeTruthy();
      const ban = await e2eDb().ban.findUniqueOrThrow({ where: { id: incident.banId as string } });
      expect(ban).toMatchObject({ scope: "BUILDING", visitorId: site.visitor.id, reasonCategory: "PHYSICAL_VIOLENCE" });
      expect(ban.endsAt.getTime()).toBeGreaterThan(site.now.getTime() + 29 * DAY);

      // Now it closes.
      await page.getByRole("button", { name: "Incident afsluiten" }).click();
      await expect(page.getByTestId("incident-status")).toHaveText("Afgesloten");

      // The visitor's next check-in: the kiosk says only "please wait"; the desk gets the silent alert.
      await page.goto(`/nl/staff/desk?location=${site.location.id}`);
      await expect(page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected", {
        timeout: 20_000,
      });
      const kiosk = await openKiosk(browser, base, site.kiosk);
      try {
        await wedgeScan(kiosk.page, site.passId);
        await expect(kiosk.page.getByTestId("kiosk-outcome-please-wait")).toBeVisible();
        await expect(kiosk.page.locator("body")).not.toContainText(/verbod|incident/i, { useInnerText: true });
        const alert = page.getByTestId("desk-alert-BAN_MATCH").filter({ hasText: site.visitor.firstName });
        await expect(alert).toBeVisible({ timeout: 10_000 });
      } finally {
        await kiosk.context.close();
      }
      const visit = await e2eDb().visit.findFirst({ where: { banId: ban.id } });
      expect(visit?.banAlert).toBe(true);

      // Audit: the registration, the steps, the response and the ban are on record.
      const actions = (await e2eDb().auditEvent.findMany({ where: { subjectId: incidentId } })).map((a) => a.action);
      for (const a of [
        "incident.registered",
        "incident.steps_recorded",
        "incident.response_recorded",
        "incident.closed",
      ]) {
        expect(actions).toContain(a);
      }
    } finally {
      await context.close();
    }
  });

  test("the list, the evaluation (with its CSV) and the settings pass axe; the exports are audited", async ({
    browser,
    baseURL,
  }) => {
    const base = baseURL as string;
    const { site, context, page } = await asManager(browser, base);
    const db = e2eDb();
    const incident = await openIncident(
      site,
      new Date(site.now.getTime() - 3 * DAY),
      new Date(site.now.getTime() - DAY),
      { description: "Schelden en dreigen.", endedEarly: true },
    );
    try {
      // The staff home tells the manager something is overdue.
      await page.goto("/nl/staff", { timeout: 60_000 });
      await expect(page.getByTestId("incident-tasks-notice")).toContainText("te laat");
      await page.goto(`/nl/staff/incidents?location=${site.location.id}`, { timeout: 60_000 });
      await expect(page.getByTestId(`incident-row-${incident.id}`)).toBeVisible();
      await expect(page.getByTestId("overdue-RESPONSE")).toBeVisible();
      await expectNoSeriousAxeViolations(page, "incident lists");

      const day = (d: Date) => d.toISOString().slice(0, 10);
      const from = day(new Date(site.now.getTime() - 30 * DAY));
      const to = day(new Date(site.now.getTime() + DAY));
      await page.goto(`/nl/staff/incidents/evaluation?from=${from}&to=${to}&location=${site.location.id}`);
      await expect(page.getByTestId("evaluation-total")).toHaveText("1 incidenten");
      await expect(page.getByTestId("chart-by-category").locator("svg")).toBeVisible();
      await expectNoSeriousAxeViolations(page, "incident evaluation");
      const csv = await context.request.get(
        `/api/incidents/evaluation?from=${from}&to=${to}&location=${site.location.id}`,
      );
      expect(csv.status()).toBe(200);
      expect(csv.headers()["content-type"]).toContain("text/csv");
      const text = await csv.text();
      expect(text).toContain(incident.id);
      expect(text).not.toContain("Schelden");

      const pdf = await context.request.get(`/api/incidents/${incident.id}/summary?lang=nl`);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()["content-type"]).toBe("application/pdf");
      const audited = await db.auditEvent.count({
        where: {
          actorId: site.manager.id,
          action: { in: ["incident.evaluation_exported", "incident.summary_exported"] },
        },
      });
      expect(audited).toBe(2);

      await page.goto(`/nl/staff/incidents/settings?location=${site.location.id}`);
      await expect(page.getByTestId("incident-settings-form")).toBeVisible();
      await expectNoSeriousAxeViolations(page, "incident settings");
    } finally {
      await context.close();
    }
  });

  test("a 48-hour response that falls due while the staff home is open shows there at once", async ({
    browser,
    baseURL,
  }) => {
    const base = baseURL as string;
    const { site, context, page } = await asManager(browser, base);
    const db = e2eDb();
    try {
      // An open incident whose response is due in 5 s of the server's clock, its deadline job with it.
      const now = await serverNow(context.request, base);
      const due = new Date(now.getTime() + 5_000);
      const incident = await openIncident(site, new Date(now.getTime() - 2 * DAY), due, {
        description: "Dreigen aan de balie.",
        endedEarly: false,
      });
      await db.scheduledJob.create({
        data: {
          kind: INCIDENT_RESPONSE_OVERDUE_JOB,
          key: responseOverdueKey(incident.id),
          dueAt: due,
          payload: JSON.stringify({ incidentId: incident.id }),
        },
      });
      await page.goto("/nl/staff", { timeout: 60_000 });
      await expect(page.getByTestId("connection-status")).toHaveAttribute("data-state", "connected", {
        timeout: 20_000,
      });
      await expect(page.getByTestId("incident-tasks-notice")).toHaveCount(0);

      // The deadline passes on the server: the job marks it overdue and the home page shows it, no reload.
      await advanceServerClock(context.request, base, 10_000);
      await expect(page.getByTestId("incident-tasks-notice")).toContainText("te laat", { timeout: 15_000 });
      await expect
        .poll(async () => (await db.incident.findUniqueOrThrow({ where: { id: incident.id } })).responseOverdueAt)
        .not.toBeNull();
    } finally {
      await context.close();
    }
  });
});
