// A location's alarm settings (Staff → Alarminstellingen): a 112 step before the all-staff step is
// refused with the reason next to the field; valid values are saved, audited and shown again.
import { expect, test } from "./fixtures";
import { closeE2eDb, e2eDb, uniqueSuffix } from "./support/appointments";
import { DEMO_LOCATIONS } from "./support/demo";
import { expectNoSeriousAxeViolations } from "./support/kiosk";

test.afterAll(closeE2eDb);

test("an admin sets a location's escalation times, emergency contacts and desk phone", async ({ page, signInAs }) => {
  test.setTimeout(90_000);
  const db = e2eDb();
  const centrum = await db.location.findUniqueOrThrow({ where: { id: DEMO_LOCATIONS.centrum.id } });
  const location = await db.location.create({
    data: { organisationId: centrum.organisationId, name: `Instellingen ${uniqueSuffix()}`, kind: "APPOINTMENT" },
  });
  await signInAs("admin");
  await page.goto(`/nl/staff/alarm-settings?location=${location.id}`, { timeout: 60_000 });
  const form = page.getByTestId("alarm-settings-form");
  await expect(form.getByLabel("Iedereen oproepen na (seconden)")).toHaveValue("30");
  await expect(form.getByLabel("Balie laten 112 bellen na (seconden)")).toHaveValue("90");
  await expectNoSeriousAxeViolations(page, "alarm settings");

  await form.getByLabel("Balie laten 112 bellen na (seconden)").fill("20");
  await form.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByTestId("alarm-alarmCall112Seconds-error")).toContainText("112 komt na het oproepen");
  await expect(form.getByLabel("Balie laten 112 bellen na (seconden)")).toHaveAttribute("aria-invalid", "true");

  await form.getByLabel("Iedereen oproepen na (seconden)").fill("45");
  await form.getByLabel("Balie laten 112 bellen na (seconden)").fill("120");
  await form.getByLabel("Noodcontacten").fill("Wijkagent: 06 1234 5678\n\nVeiligheidscoördinator: 030 123 4567");
  await form.getByLabel("Telefoonnummer van de balie").fill("030 765 4321");
  await form.getByRole("button", { name: "Opslaan" }).click();
  await expect(page.getByTestId("alarm-settings-ok")).toBeVisible();

  const saved = await db.location.findUniqueOrThrow({ where: { id: location.id } });
  expect(saved).toMatchObject({
    alarmEscalateAllSeconds: 45,
    alarmCall112Seconds: 120,
    emergencyContacts: "Wijkagent: 06 1234 5678\nVeiligheidscoördinator: 030 123 4567",
    deskPhone: "030 765 4321",
  });
  expect(
    await db.auditEvent.count({ where: { action: "location.alarm_settings_changed", subjectId: location.id } }),
  ).toBe(1);
  await page.reload();
  await expect(page.getByTestId("alarm-settings-form").getByLabel("Iedereen oproepen na (seconden)")).toHaveValue("45");
});
