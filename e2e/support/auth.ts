// Signing in for end-to-end tests: through the real form (what users do), or straight through
// next-auth's CSRF + credentials endpoints (fast set-up for specs about something else).
import { type APIRequestContext, type Browser, type BrowserContext, expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_USERS, type DemoUserKey, type Locale } from "./demo";
import { t } from "./messages";

/** Opens /<locale>/login and submits the form; does not wait for the outcome. */
export async function submitSignInForm(page: Page, email: string, password: string, locale: Locale = "nl") {
  await page.goto(`/${locale}/login`);
  await page.getByLabel(t(locale, "auth.email")).fill(email);
  await page.getByLabel(t(locale, "auth.password")).fill(password);
  await page.getByRole("button", { name: t(locale, "auth.signIn"), exact: true }).click();
}

/** Signs in through the real sign-in form and waits until the staff home (/<locale>/staff) shows. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD, locale: Locale = "nl") {
  await submitSignInForm(page, email, password, locale);
  await expect(page).toHaveURL(new RegExp(`/${locale}/staff/?$`));
}

export interface SessionUser {
  id: string;
  name: string;
  email: string;
}

/**
 * Signs in without the UI: GET /api/auth/csrf, then POST the credentials form-encoded to
 * /api/auth/callback/credentials. The session cookie lands in the request context's cookie jar,
 * so pass `page.request` (or `context.request`) to sign in that browser context.
 * Resolves with the session's user; throws with next-auth's error code when refused.
 */
export async function signInViaApi(
  request: APIRequestContext,
  email: string,
  password = DEMO_PASSWORD,
): Promise<SessionUser> {
  const csrf = await request.get("/api/auth/csrf");
  expect(csrf.ok(), `GET /api/auth/csrf answered ${csrf.status()}`).toBeTruthy();
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
    maxRedirects: 0,
  });
  const body = (await res.json().catch(() => ({}))) as { url?: string };
  const error = body.url ? new URL(body.url, "http://x").searchParams.get("error") : null;
  if (!res.ok() || error) {
    throw new Error(`Sign-in of ${email} refused: ${error ?? `HTTP ${res.status()}`}`);
  }
  const session = (await (await request.get("/api/auth/session")).json()) as { user?: SessionUser };
  if (!session.user?.id) throw new Error(`Sign-in of ${email} gave no session`);
  return session.user;
}

/** Signs a demo user in via the API (password `portier-demo`). */
export function signInAs(request: APIRequestContext, user: DemoUserKey): Promise<SessionUser> {
  return signInViaApi(request, DEMO_USERS[user].email, DEMO_PASSWORD);
}

/**
 * A separate browser context (its own cookies) signed in as a demo user: for specs with
 * several people at once (e.g. a receptionist and a kiosk). Close it when done.
 */
export async function newSignedInContext(
  browser: Browser,
  baseURL: string,
  user: DemoUserKey,
  locale: Locale = "nl",
): Promise<{ context: BrowserContext; page: Page; user: SessionUser }> {
  const context = await browser.newContext({
    baseURL,
    locale: locale === "nl" ? "nl-NL" : "en-GB",
    timezoneId: "Europe/Amsterdam",
  });
  const sessionUser = await signInAs(context.request, user);
  const page = await context.newPage();
  return { context, page, user: sessionUser };
}
