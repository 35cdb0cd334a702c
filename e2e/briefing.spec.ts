// The shift briefing (issue 4, part 8): a walk-in who checked in at the kiosk is on the briefing,
// with the open-visit count; a staff member sees the visit but not whose it is; both languages; axe.
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
});
