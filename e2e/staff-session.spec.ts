// Staff sessions in the browser (issue 9): staff screens report activity — an interactive screen
// as such, the pager as a screen of duty; sign-out ends the session on the server, so a copy of
// the old session cookie opens nothing; the sign-in page says when someone was signed out for
// inactivity. (The timeout itself runs on the domain clock: tests/integration/staff-idle-timeout.test.ts;
// the browser tests' server uses a week, since the specs move its clock by hours.)
import AxeBuilder from "@axe-core/playwright";
import { decode } from "next-auth/jwt";
import { loadConfig } from "../src/server/config";
import { expect, test } from "./fixtures";
import { closeE2eDb, E2E_DATA_DIR, E2E_DATABASE_URL, e2eDb } from "./support/appointments";
import { signIn } from "./support/auth";
import { DEMO_PASSWORD, DEMO_USERS } from "./support/demo";

const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

test.describe("staff sessions", () => {
  test.afterAll(closeE2eDb);
  test("an interactive screen reports itself as such, the pager as a screen of duty", async ({ page }) => {
    const reports: number[] = [];
    page.on("response", (res) => {
      if (res.url().endsWith("/api/staff/activity")) reports.push(res.status());
    });
    await signIn(page, DEMO_USERS.reception.email, DEMO_PASSWORD, "nl");
    await expect.poll(() => reports.length).toBeGreaterThan(0);
    expect(reports.every((s) => s === 200)).toBe(true);
    // This sign-in's server-side session (its id is in the signed cookie) is not on duty on the
    // staff home...
    const secret = loadConfig({
      NODE_ENV: "test",
      PORTIER_DATA_DIR: E2E_DATA_DIR,
      DATABASE_URL: E2E_DATABASE_URL,
    } as NodeJS.ProcessEnv).sessionSecret;
    const cookie = (await page.context().cookies()).find((c) => c.name.endsWith("next-auth.session-token"));
    const token = await decode({ token: cookie?.value, secret });
    const sid = String(token?.sid);
    const session = () => e2eDb().staffSession.findUniqueOrThrow({ where: { id: sid } });
    await expect.poll(async () => (await session()).onDuty).toBe(false);
    // ...and is once the pager is open.
    await page.goto("/nl/staff/alarms");
    await expect.poll(async () => (await session()).onDuty, { timeout: 15_000 }).toBe(true);
  });

  test("sign-out ends the session on the server: the old cookie opens nothing", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, locale: "nl-NL" });
    const page = await context.newPage();
    await signIn(page, DEMO_USERS.staff.email, DEMO_PASSWORD, "nl");
    const copied = await context.cookies();
    await page.getByRole("button", { name: "Uitloggen" }).click();
    await expect(page).toHaveURL(/\/nl\/login/);
    await context.close();

    const thief = await browser.newContext({ baseURL, locale: "nl-NL" });
    await thief.addCookies(copied);
    const other = await thief.newPage();
    await other.goto("/nl/staff");
    await expect(other).toHaveURL(/\/nl\/login/);
    await thief.close();
  });

  test("the sign-in page says why after an idle sign-out, in Dutch and English", async ({ page }) => {
    await page.goto("/nl/login?reason=idle&next=%2Fstaff%2Fvisitors");
    await expect(page.getByTestId("signed-out-idle")).toHaveText(
      "Je bent afgemeld omdat dit scherm een tijd niet gebruikt werd. Log opnieuw in om verder te gaan.",
    );
    const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
    expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
    await page.goto("/en/login?reason=idle");
    await expect(page.getByTestId("signed-out-idle")).toHaveText(
      "You were signed out because this screen was not used for a while. Sign in again to continue.",
    );
    await page.goto("/en/login");
    await expect(page.getByTestId("signed-out-idle")).toHaveCount(0);
  });
});
