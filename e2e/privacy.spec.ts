// Subject requests (issue 9, part 2) in Chromium: the privacy officer finds a visitor of their own
// (created in the e2e database) by pass number, opens the overview, downloads the JSON export,
// erases the visitor after confirming, and the visitor is gone; a receptionist gets 403 on the
// privacy page and on the export.
import { expect, test } from "./fixtures";
import { closeE2eDb, createPassVisitor, e2eDb, uniqueSuffix } from "./support/appointments";
import { newSignedInContext } from "./support/auth";
import { expectNoSeriousAxeViolations } from "./support/kiosk";

test.describe("privacy requests", () => {
  test.describe.configure({ timeout: 120_000 });
  test.afterAll(closeE2eDb);

  test("find, export and erase a visitor", async ({ browser, baseURL }) => {
    const db = e2eDb();
    const lastName = `Privacy${uniqueSuffix()}`;
    const { visitor, passId } = await createPassVisitor(db, "Vera", lastName);
    const officer = await newSignedInContext(browser, baseURL!, "privacy");
    const { page } = officer;
    try {
      await page.goto("/nl/staff");
      await expect(page.getByTestId("staff-role")).toHaveText("Privacyfunctionaris");
      await page.getByRole("link", { name: "Privacyverzoeken" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Privacyverzoeken");

      await expectNoSeriousAxeViolations(page, "privacy search");
      await page.getByTestId("privacy-by-pass").check();
      await page.getByRole("textbox", { name: "Pasnummer" }).fill(passId.toLowerCase());
      await page.getByRole("button", { name: "Zoeken", exact: true }).click();
      const result = page.getByTestId("privacy-result");
      await expect(result).toHaveCount(1);
      await expect(result).toContainText(`Vera ${lastName}`);
      await result.getByRole("link").click();

      await expect(page.getByTestId("privacy-subject-name")).toHaveText(`Vera ${lastName}`);
      await expect(page.getByTestId("privacy-section-visitor")).toContainText(passId);

      const downloading = page.waitForEvent("download");
      await page.getByTestId("privacy-export-json").click();
      const download = await downloading;
      const chunks: Buffer[] = [];
      for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
      const exported = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      expect(exported).toMatchObject({ kind: "visitor", visitor: { id: visitor.id, lastName, passId } });

      // The readable PDF, as the officer downloads it.
      const downloadingPdf = page.waitForEvent("download");
      await page.getByTestId("privacy-export-pdf").click();
      const pdf = await downloadingPdf;
      const pdfChunks: Buffer[] = [];
      for await (const chunk of await pdf.createReadStream()) pdfChunks.push(chunk as Buffer);
      expect(Buffer.concat(pdfChunks).subarray(0, 5).toString()).toBe("%PDF-");
      await expectNoSeriousAxeViolations(page, "privacy overview");

      await expect(page.getByTestId("privacy-erase-plan")).toContainText(`Vera ${lastName}`);
      await page.getByTestId("privacy-erase-confirm").check();
      await page.getByRole("button", { name: "Definitief wissen" }).click();
      await expect(page.getByTestId("privacy-erased")).toBeVisible();
      expect(await db.visitor.findUnique({ where: { id: visitor.id } })).toBeNull();

      // Searching again finds nobody; the steps are on the audit trail.
      await page.getByTestId("privacy-by-pass").check();
      await page.getByRole("textbox", { name: "Pasnummer" }).fill(passId);
      await page.getByRole("button", { name: "Zoeken", exact: true }).click();
      await expect(page.getByTestId("privacy-results-empty")).toBeVisible();
      const actions = (
        await db.auditEvent.findMany({ where: { subjectId: visitor.id, action: { startsWith: "privacy." } } })
      ).map((e) => e.action);
      expect(actions).toEqual(
        expect.arrayContaining(["privacy.subject_viewed", "privacy.subject_exported", "privacy.subject_erased"]),
      );
      const formats = (
        await db.auditEvent.findMany({ where: { subjectId: visitor.id, action: "privacy.subject_exported" } })
      ).map((e) => JSON.parse(e.data ?? "{}").format);
      expect(formats.sort()).toEqual(["json", "pdf"]);
    } finally {
      await officer.context.close();
    }
  });

  test("a receptionist gets 403 on the privacy pages and the export", async ({ page, signInAs }) => {
    await signInAs("reception");
    const res = await page.goto("/nl/staff/privacy");
    expect(res?.status()).toBe(403);
    const api = await page.request.get("/api/privacy/subjects/visitor/visitor-demo/export?format=json");
    expect(api.status()).toBe(403);
    await page.goto("/nl/staff");
    await expect(page.getByRole("link", { name: "Privacyverzoeken" })).toHaveCount(0);
  });
});
