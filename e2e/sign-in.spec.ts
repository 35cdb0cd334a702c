// Staff sign-in through the real form, in Dutch and English: greeting, errors without user
// enumeration, sign-out, and the redirects around it.
import { randomUUID } from "node:crypto";
import { expect, test } from "./fixtures";
import { signIn, submitSignInForm } from "./support/auth";
import { DEMO_PASSWORD, DEMO_USERS } from "./support/demo";

const unknownEmail = () => `nobody-${randomUUID().slice(0, 8)}@portier.demo`;

test.describe("sign in", () => {
  test("in Dutch: the form is in Dutch and the staff home greets by name", async ({ page }) => {
    await page.goto("/nl/login");
    await expect(page.getByRole("heading", { level: 1, name: "Inloggen" })).toBeVisible();
    await page.getByLabel("E-mailadres").fill(DEMO_USERS.reception.email);
    await page.getByLabel("Wachtwoord").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Inloggen", exact: true }).click();

    await expect(page).toHaveURL(/\/nl\/staff\/?$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Goedendag, ${DEMO_USERS.reception.name}`);
    await expect(page.getByTestId("staff-role")).toHaveText("Receptie");
    await expect(page.getByRole("button", { name: "Uitloggen" })).toBeVisible();
  });

  test("in English: the form is in English and the staff home greets by name", async ({ page }) => {
    await page.goto("/en/login");
    await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
    await page.getByLabel("E-mail address").fill(DEMO_USERS.manager.email);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();

    await expect(page).toHaveURL(/\/en\/staff\/?$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Hello, ${DEMO_USERS.manager.name}`);
    await expect(page.getByTestId("staff-role")).toHaveText("Manager");
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  });

  test("the e-mail address is case-insensitive", async ({ page }) => {
    await signIn(page, DEMO_USERS.staff.email.toUpperCase(), DEMO_PASSWORD, "nl");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Goedendag, ${DEMO_USERS.staff.name}`);
  });

  test("wrong password and unknown user get the same Dutch error", async ({ page }) => {
    await submitSignInForm(page, DEMO_USERS.staff.email, "not-the-password", "nl");
    const error = page.getByTestId("sign-in-error");
    await expect(error).toHaveText("E-mailadres of wachtwoord is onjuist.");
    await expect(page).toHaveURL(/\/nl\/login/);
    const wrongPassword = await error.textContent();

    await submitSignInForm(page, unknownEmail(), "not-the-password", "nl");
    await expect(page.getByTestId("sign-in-error")).toHaveText(wrongPassword ?? "");
    await expect(page).toHaveURL(/\/nl\/login/);
  });

  test("wrong password and unknown user get the same English error", async ({ page }) => {
    await submitSignInForm(page, DEMO_USERS.admin.email, "not-the-password", "en");
    const error = page.getByTestId("sign-in-error");
    await expect(error).toHaveText("E-mail address or password is incorrect.");
    const wrongPassword = await error.textContent();

    await submitSignInForm(page, unknownEmail(), "not-the-password", "en");
    await expect(page.getByTestId("sign-in-error")).toHaveText(wrongPassword ?? "");
    await expect(page).toHaveURL(/\/en\/login/);
  });

  test("an empty form asks for both fields without calling the server", async ({ page }) => {
    await page.goto("/en/login");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByTestId("sign-in-error")).toHaveText("Enter your e-mail address and password.");
  });
});

test.describe("sign out and guarded pages", () => {
  test("signing out returns to the login page and the staff pages are closed again", async ({ page }) => {
    await signIn(page, DEMO_USERS.reception.email, DEMO_PASSWORD, "nl");
    await page.getByRole("button", { name: "Uitloggen" }).click();
    await expect(page).toHaveURL(/\/nl\/login/);
    await expect(page.getByRole("heading", { level: 1, name: "Inloggen" })).toBeVisible();

    await page.goto("/nl/staff");
    await expect(page).toHaveURL(/\/nl\/login/);
    await expect(page.getByLabel("E-mailadres")).toBeVisible();
  });

  test("English sign-out lands on the English login page", async ({ page }) => {
    await signIn(page, DEMO_USERS.manager.email, DEMO_PASSWORD, "en");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/en\/login/);
    await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  });

  test("a signed-out visitor of /nl/staff is sent to the login page, then back after signing in", async ({ page }) => {
    await page.goto("/nl/staff");
    await expect(page).toHaveURL(/\/nl\/login(\?|$)/);
    await page.getByLabel("E-mailadres").fill(DEMO_USERS.shelterReception.email);
    await page.getByLabel("Wachtwoord").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Inloggen", exact: true }).click();
    await expect(page).toHaveURL(/\/nl\/staff\/?$/);
  });

  test("signing in through the API helper opens the staff pages", async ({ page, signInAs }) => {
    const user = await signInAs("admin");
    expect(user.email).toBe(DEMO_USERS.admin.email);
    await page.goto("/en/staff");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Hello, ${user.name}`);
  });
});

test.describe("home page", () => {
  test("/ sends a Dutch browser to /nl", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/nl\/?$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  });

  test("/ without a language preference redirects to /nl", async ({ request }) => {
    const res = await request.get("/", { maxRedirects: 0, headers: { "accept-language": "" } });
    expect(res.status()).toBeGreaterThanOrEqual(300);
    expect(res.status()).toBeLessThan(400);
    expect(new URL(res.headers().location ?? "", "http://x").pathname).toBe("/nl");
  });
});
