// Admin staff management through the real screens: create a staff member (who can then sign in),
// deactivate them (their session ends and sign-in fails), reset a password, link a badge, and the
// refusals an admin gets for their own account. Every test creates its own staff member.
import { randomUUID } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { signIn, submitSignInForm } from "./support/auth";
import { DEMO_LOCATIONS, DEMO_USERS } from "./support/demo";

interface NewMember {
  name: string;
  email: string;
  password: string;
}

const newMember = (): NewMember => {
  const tag = randomUUID().slice(0, 8);
  return { name: `Test Medewerker ${tag}`, email: `e2e-${tag}@portier.demo`, password: `wachtwoord-${tag}` };
};

/** As the signed-in admin: fills the "Nieuwe medewerker" form and waits for the list to name them. */
async function createViaForm(page: Page, member: NewMember) {
  await page.goto("/nl/staff/admin/staff");
  await page.getByRole("link", { name: "Nieuwe medewerker" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nieuwe medewerker" })).toBeVisible();
  const form = page.getByTestId("staff-form");
  await form.getByLabel("Naam", { exact: true }).fill(member.name);
  await form.getByLabel("E-mailadres", { exact: true }).fill(member.email);
  await form.getByLabel("Rol", { exact: true }).selectOption({ label: "Receptie" });
  await form.getByLabel("Taal", { exact: true }).selectOption("nl");
  await form.getByLabel(DEMO_LOCATIONS.centrum.name, { exact: true }).check();
  await form.getByLabel("Wachtwoord", { exact: true }).fill(member.password);
  await form.getByRole("button", { name: "Medewerker aanmaken" }).click();
  await expect(page).toHaveURL(/\/nl\/staff\/admin\/staff\?created=/);
  await expect(page.getByTestId("staff-created")).toHaveText(`${member.name} is aangemaakt en kan nu inloggen.`);
}

/** Opens the staff member's edit page from the list. */
async function openFromList(page: Page, member: NewMember) {
  await page.goto("/nl/staff/admin/staff");
  await page.getByRole("link", { name: member.name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: member.name })).toBeVisible();
}

/** A second browser (own cookies) for the new staff member. */
async function memberPage(browser: Browser, baseURL: string | undefined) {
  const context = await browser.newContext({ baseURL, locale: "nl-NL", timezoneId: "Europe/Amsterdam" });
  return { context, page: await context.newPage() };
}

test.describe("admin: staff members", () => {
  // Several page loads, sign-ins (Argon2) and a second browser per test: three times the usual timeout.
  test.slow();

  test.beforeEach(async ({ page }) => {
    await signIn(page, DEMO_USERS.admin.email);
  });

  test("creates a staff member with field errors first, and the new member can sign in", async ({
    page,
    browser,
    baseURL,
  }) => {
    const member = newMember();
    await page.goto("/nl/staff/admin/staff/new");
    const form = page.getByTestId("staff-form");
    await form.getByLabel("Naam", { exact: true }).fill(member.name);
    await form.getByLabel("E-mailadres", { exact: true }).fill(DEMO_USERS.reception.email);
    await form.getByLabel("Wachtwoord", { exact: true }).fill("kort");
    await form.getByRole("button", { name: "Medewerker aanmaken" }).click();
    // The domain checks the password first: too short, shown next to the field.
    await expect(page.getByTestId("staff-password-error")).toHaveText("Het wachtwoord moet minimaal 10 tekens hebben.");
    await expect(form.getByLabel("Wachtwoord", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByTestId("staff-form-error")).toHaveText("Controleer de gemarkeerde velden.");
    // What was typed is still there.
    await expect(form.getByLabel("Naam", { exact: true })).toHaveValue(member.name);

    await form.getByLabel("Wachtwoord", { exact: true }).fill(member.password);
    await form.getByRole("button", { name: "Medewerker aanmaken" }).click();
    await expect(page.getByTestId("staff-email-error")).toHaveText(
      "Dit e-mailadres is al in gebruik bij een andere medewerker.",
    );

    await createViaForm(page, member);
    const row = page.locator(`tr[data-email="${member.email}"]`);
    await expect(row).toContainText("Receptie");
    await expect(row).toContainText(DEMO_LOCATIONS.centrum.name);
    await expect(row.getByTestId("staff-status")).toHaveText("Actief");

    const other = await memberPage(browser, baseURL);
    await signIn(other.page, member.email, member.password);
    await expect(other.page.getByRole("heading", { level: 1 })).toHaveText(`Goedendag, ${member.name}`);
    await expect(other.page.getByTestId("staff-role")).toHaveText("Receptie");
    await other.context.close();
  });

  test("deactivating after confirmation ends the member's session and sign-in; reactivating restores it", async ({
    page,
    browser,
    baseURL,
  }) => {
    const member = newMember();
    await createViaForm(page, member);
    const other = await memberPage(browser, baseURL);
    await signIn(other.page, member.email, member.password);

    await openFromList(page, member);
    const account = page.getByTestId("active-form");
    await account.getByRole("button", { name: "Deactiveren" }).click();
    await expect(account.getByText(`Weet u zeker dat u ${member.name} wilt deactiveren?`)).toBeVisible();
    // Cancelling changes nothing.
    await account.getByRole("button", { name: "Annuleren" }).click();
    await expect(account.getByTestId("active-status")).toContainText("Actief");
    await account.getByRole("button", { name: "Deactiveren" }).click();
    await account.getByRole("button", { name: "Ja, deactiveren" }).click();
    await expect(page.getByTestId("active-form-ok")).toHaveText(`${member.name} is gedeactiveerd.`);
    await expect(account.getByTestId("active-status")).toContainText("Inactief");

    // The open session ends at once, and signing in again fails like a wrong password.
    await other.page.goto("/nl/staff");
    await expect(other.page).toHaveURL(/\/nl\/login/);
    await submitSignInForm(other.page, member.email, member.password);
    await expect(other.page.getByTestId("sign-in-error")).toHaveText("E-mailadres of wachtwoord is onjuist.");

    await page.goto("/nl/staff/admin/staff");
    await expect(page.locator(`tr[data-email="${member.email}"]`).getByTestId("staff-status")).toHaveText("Inactief");

    await openFromList(page, member);
    await account.getByRole("button", { name: "Heractiveren" }).click();
    await account.getByRole("button", { name: "Ja, heractiveren" }).click();
    await expect(page.getByTestId("active-form-ok")).toHaveText(`${member.name} is geheractiveerd.`);
    await signIn(other.page, member.email, member.password);
    await other.context.close();
  });

  test("resets a password: the new one works, the old one does not", async ({ page, browser, baseURL }) => {
    const member = newMember();
    await createViaForm(page, member);
    await openFromList(page, member);

    const form = page.getByTestId("password-form");
    await form.getByLabel("Nieuw wachtwoord", { exact: true }).fill("te-kort");
    await form.getByRole("button", { name: "Wachtwoord opnieuw instellen" }).click();
    await expect(page.getByTestId("new-password-error")).toHaveText("Het wachtwoord moet minimaal 10 tekens hebben.");

    const newPassword = `nieuw-${randomUUID().slice(0, 12)}`;
    await form.getByLabel("Nieuw wachtwoord", { exact: true }).fill(newPassword);
    await form.getByRole("button", { name: "Wachtwoord opnieuw instellen" }).click();
    await expect(page.getByTestId("password-form-ok")).toHaveText("Het wachtwoord is opnieuw ingesteld.");
    await expect(form.getByLabel("Nieuw wachtwoord", { exact: true })).toHaveValue("");

    const other = await memberPage(browser, baseURL);
    await submitSignInForm(other.page, member.email, member.password);
    await expect(other.page.getByTestId("sign-in-error")).toHaveText("E-mailadres of wachtwoord is onjuist.");
    await signIn(other.page, member.email, newPassword);
    await other.context.close();
  });

  test("edits details, links and unlinks a staff badge (a badge in use is refused)", async ({ page }) => {
    const member = newMember();
    await createViaForm(page, member);
    await openFromList(page, member);

    const details = page.getByTestId("staff-form");
    await details.getByLabel("Rol", { exact: true }).selectOption({ label: "Leidinggevende" });
    await details.getByLabel(DEMO_LOCATIONS.haven.name, { exact: true }).check();
    await details.getByRole("button", { name: "Opslaan" }).click();
    await expect(page.getByTestId("staff-form-ok")).toHaveText("Opgeslagen");
    await expect(page.getByTestId("staff-summary")).toContainText("Leidinggevende");

    const badge = page.getByTestId("badge-form");
    await expect(badge.getByTestId("badge-status")).toHaveText("Geen pas gekoppeld");
    await badge.getByLabel("Code van de personeelspas").fill("BADGE-0001"); // the demo admin's badge
    await badge.getByRole("button", { name: "Pas koppelen" }).click();
    await expect(page.getByTestId("badge-code-error")).toHaveText(
      "Deze pas is al gekoppeld aan een andere medewerker.",
    );
    await badge.getByLabel("Code van de personeelspas").fill(`E2E-${randomUUID()}`);
    await badge.getByRole("button", { name: "Pas koppelen" }).click();
    await expect(page.getByTestId("badge-form-ok")).toHaveText("De personeelspas is gekoppeld.");
    await expect(badge.getByTestId("badge-status")).toHaveText("Pas gekoppeld");

    // The colleague asked to be marked "needs help to evacuate" (only marshals see it).
    const help = page.getByTestId("evac-staff-help");
    await expect(help).not.toBeChecked();
    await help.check();
    await expect(page.getByText("Opgeslagen.")).toBeVisible();
    await page.reload();
    await expect(page.getByTestId("evac-staff-help")).toBeChecked();

    await page.goto("/nl/staff/admin/staff");
    const row = page.locator(`tr[data-email="${member.email}"]`);
    await expect(row).toContainText("Leidinggevende");
    await expect(row.getByTestId("staff-has-badge")).toHaveText("Ja");

    await openFromList(page, member);
    await badge.getByRole("button", { name: "Pas ontkoppelen" }).click();
    await expect(page.getByTestId("badge-form-ok")).toHaveText("De personeelspas is ontkoppeld.");
    await expect(badge.getByTestId("badge-status")).toHaveText("Geen pas gekoppeld");
  });

  test("an admin cannot change their own role or deactivate themselves", async ({ page }) => {
    await page.goto(`/nl/staff/admin/staff/${DEMO_USERS.admin.id}`);
    const details = page.getByTestId("staff-form");
    await details.getByLabel("Rol", { exact: true }).selectOption({ label: "Medewerker" });
    await details.getByRole("button", { name: "Opslaan" }).click();
    await expect(page.getByTestId("staff-role-error")).toHaveText(
      "U kunt uw eigen rol niet wijzigen. Vraag een andere beheerder.",
    );

    const account = page.getByTestId("active-form");
    await account.getByRole("button", { name: "Deactiveren" }).click();
    await account.getByRole("button", { name: "Ja, deactiveren" }).click();
    await expect(page.getByTestId("active-form-error")).toHaveText(
      "U kunt uzelf niet deactiveren. Vraag een andere beheerder.",
    );
    await page.reload();
    await expect(page.getByTestId("staff-summary")).toContainText("Beheerder");
    await expect(page.getByTestId("active-status")).toContainText("Actief");
  });

  test("the screens are in English too", async ({ page }) => {
    await page.goto("/en/staff/admin/staff");
    await expect(page.getByRole("heading", { level: 1, name: "Staff" })).toBeVisible();
    await page.getByRole("link", { name: "New staff member" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "New staff member" })).toBeVisible();
    await expect(page.getByLabel("E-mail address", { exact: true })).toBeVisible();
    await expect(page.getByText("At least 10 characters.", { exact: false })).toBeVisible();
  });
});

test("a receptionist gets no access to staff management", async ({ page, signInAs }) => {
  await signInAs("reception");
  const res = await page.goto("/nl/staff/admin/staff");
  expect(res?.status()).toBe(403);
});
