// The shift briefing (issue 4, part 8): a walk-in who checked in at the kiosk is on the briefing,
// with the open-visit count; a staff member sees the visit but not whose it is; both languages; axe.
// The weekly incident team (issue 5, part 3): a manager sets it, the briefing names it.
import { expect, test } from "./fixtures";
import { closeE2eDb, e2eDb, uniqueSuffix } from "./support/appointments";
import { newSignedInContext } from "./support/auth";
import { expectNoSeriousAxeViolations, openKiosk, pairKiosk, type StorageState, walkInFull } from "./support/kiosk";

test.describe("shift briefing", () => {
  test.describe.configure({ timeout: 120_000 });
  let kioskState: StorageState;
  test.beforeAll(async ({ browser, baseURL }) => {
    kioskState = await pairKiosk(e2eDb(), browser, baseURL!, { name: `E2E kiosk briefing ${uniqueSuffix()}` });
  });
  test.afterAll(closeE2eDb);

  test("a walk-in is on the desk's briefing by name, on a staff member's without", async ({ browser, baseURL }) => {
    const firstName = `Briefing${uniqueSuffix()
      .replace(/[^a-z]/g, "")
      .slice(0, 4)}`;
    const kiosk = await openKiosk(browser, baseURL!, kioskState);
    await walkInFull(kiosk.page, { firstName, lastName: "Overdracht", purpose: "Wijkteam" });
    await kiosk.page.getByTestId("kiosk-accept").click();
    await expect(kiosk.page.getByTestId("kiosk-outcome-checked-in")).toBeVisible();
    await kiosk.context.close();

    const desk = await newSignedInContext(browser, baseURL!, "reception");
    try {
      await desk.page.goto("/nl/staff/briefing?location=loc-centrum");
      await expect(desk.page.getByRole("heading", { level: 1 })).toHaveText(/^Overdracht — /);
      await expect(desk.page.getByTestId("briefing-visits")).toContainText(`${firstName} O.`);
      await expectNoSeriousAxeViolations(desk.page, "briefing");
      await desk.page.goto("/en/staff/briefing?location=loc-centrum&hours=24");
      await expect(desk.page.getByRole("heading", { level: 1 })).toHaveText(/^Shift briefing — /);
    } finally {
      await desk.context.close();
    }

    const staff = await newSignedInContext(browser, baseURL!, "staff");
    try {
      await staff.page.goto("/nl/staff/briefing?location=loc-centrum");
      await expect(staff.page.getByTestId("briefing-visits")).toContainText("(bezoeker van een collega)");
      await expect(staff.page.getByTestId("briefing-visits")).not.toContainText(firstName);
    } finally {
      await staff.context.close();
    }
  });

  test("a manager sets this week's incident team; the briefing names it", async ({ browser, baseURL }) => {
    const manager = await newSignedInContext(browser, baseURL!, "manager");
    try {
      const { page } = manager;
      await page.goto("/nl/staff/incident-team?location=loc-centrum");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Incidententeam — /);
      const form = page.getByTestId("incident-team-form");
      await form.getByRole("checkbox", { name: /Carlijn Bakker/ }).check();
      await form.getByRole("button", { name: "Team opslaan" }).click();
      await expect(page.getByTestId("incident-team-ok")).toContainText("Opgeslagen");
      await expectNoSeriousAxeViolations(page, "incident team");
      await page.goto("/nl/staff/briefing?location=loc-centrum");
      await expect(page.getByTestId("briefing-team")).toContainText("Carlijn Bakker");
    } finally {
      await manager.context.close();
    }
  });
});
