// The audit trail (issue 9, part 3) in Chromium: an admin filters the trail, the chain check
// reports it whole, a hand-edited event in the database is reported by id (and the edit undone);
// a manager sees the trail, a staff member gets no access; axe.
import { expect, test } from "./fixtures";
import { closeE2eDb, e2eDb } from "./support/appointments";
import { newSignedInContext } from "./support/auth";
import { advanceServerClock } from "./support/clock";
import { expectNoSeriousAxeViolations } from "./support/kiosk";

test.describe("audit trail", () => {
  test.describe.configure({ timeout: 90_000 });
  test.afterAll(closeE2eDb);

  test("filters, and the chain check finds a hand-edited event", async ({ browser, baseURL }) => {
    const admin = await newSignedInContext(browser, baseURL!, "admin");
    const { page } = admin;
    try {
      await page.goto("/nl/staff/audit");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audittrail");
      // Looking is recorded: this very visit is on the page.
      await expect(page.getByTestId("audit-row").first()).toBeVisible();
      await page.getByLabel(/^Actie/).fill("audit.");
      await page.getByRole("button", { name: "Filteren" }).click();
      await expect(page).toHaveURL(/action=audit\./);
      const actions = await page
        .getByTestId("audit-row")
        .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action")));
      expect(actions.length).toBeGreaterThan(0);
      expect(actions.every((a) => a?.startsWith("audit."))).toBe(true);
      await expectNoSeriousAxeViolations(page, "audit trail");

      await page.getByRole("button", { name: "Keten controleren" }).click();
      await expect(page.getByTestId("audit-verify-ok")).toContainText("De keten is heel");

      // Wait for the sealer (every 5 s, events older than 5 s of the server's clock).
      await advanceServerClock(page.request, baseURL!, 10_000);
      const db = e2eDb();
      let sealed: { id: number; data: string | null } | null = null;
      await expect
        .poll(
          async () => {
            sealed = await db.auditEvent.findFirst({
              where: { hash: { not: null } },
              orderBy: { id: "desc" },
              select: { id: true, data: true },
            });
            return sealed != null;
          },
          { timeout: 20_000 },
        )
        .toBe(true);
      const victim = sealed as unknown as { id: number; data: string | null };
      await db.auditEvent.update({ where: { id: victim.id }, data: { data: '{"edited":"by hand"}' } });
      try {
        await page.getByRole("button", { name: "Keten controleren" }).click();
        await expect(page.getByTestId("audit-verify-broken")).toContainText(`Gebeurtenis ${victim.id}`);
      } finally {
        await db.auditEvent.update({ where: { id: victim.id }, data: { data: victim.data } });
      }
      await page.getByRole("button", { name: "Keten controleren" }).click();
      await expect(page.getByTestId("audit-verify-ok")).toBeVisible();
    } finally {
      await admin.context.close();
    }
  });

  test("a manager reads the trail without the chain check; a staff member may not", async ({ browser, baseURL }) => {
    const manager = await newSignedInContext(browser, baseURL!, "manager");
    try {
      await manager.page.goto("/en/staff/audit");
      await expect(manager.page.getByRole("heading", { level: 1 })).toHaveText("Audit trail");
      await expect(manager.page.getByTestId("audit-verify")).toHaveCount(0);
    } finally {
      await manager.context.close();
    }
    const staff = await newSignedInContext(browser, baseURL!, "staff");
    try {
      const res = await staff.page.goto("/nl/staff/audit");
      expect(res?.status()).toBe(403);
    } finally {
      await staff.context.close();
    }
  });
});
