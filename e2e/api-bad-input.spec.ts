// Route handlers under bad input: always a small JSON answer in the caller's language,
// never a stack trace or a 500.
import type { APIResponse } from "@playwright/test";
import { expect, test } from "./fixtures";

test.describe("GET /api/health", () => {
  test("answers 200 JSON with the database ok", async ({ request }) => {
    const res = await request.get("/api/health");
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("application/json");
    const body = await res.json();
    expect(body).toMatchObject({ status: "ok", database: "ok", migrations: { pending: [] } });
    expect(body.realtime.status).toBe("ok");
  });
});

test.describe("POST /api/devices/pair", () => {
  const url = "/api/devices/pair";

  async function expectError(res: APIResponse, status: number, code: string) {
    expect(res.status()).toBe(status);
    expect(res.headers()["content-type"]).toContain("application/json");
    const body = await res.json();
    expect(body).toMatchObject({ ok: false, code });
    expect(typeof body.message).toBe("string");
    expect(body.message).not.toMatch(/at \S+ \(|Error:|node_modules/);
    return body as { ok: false; code: string; message: string };
  }

  test("malformed JSON: 400 BAD_JSON in Dutch by default", async ({ request }) => {
    const res = await request.post(url, {
      headers: { "content-type": "application/json", "accept-language": "nl-NL,nl;q=0.9" },
      // A Buffer goes out byte for byte (Playwright would JSON-encode an unparsable string).
      data: Buffer.from('{"code": "ABCD'),
    });
    const body = await expectError(res, 400, "BAD_JSON");
    expect(body.message).toBe("Het verzoek kon niet worden gelezen.");
  });

  test("malformed JSON: 400 BAD_JSON in English for an English caller", async ({ request }) => {
    const res = await request.post(url, {
      headers: { "content-type": "application/json", "accept-language": "en-GB,en;q=0.9" },
      data: Buffer.from("not json at all"),
    });
    const body = await expectError(res, 400, "BAD_JSON");
    expect(body.message).toBe("The request could not be read.");
  });

  test("a body over 16 KiB: 413", async ({ request }) => {
    const res = await request.post(url, {
      headers: { "content-type": "application/json", "accept-language": "en" },
      data: JSON.stringify({ code: "ABCD-EFGH", padding: "x".repeat(20 * 1024) }),
    });
    const body = await expectError(res, 413, "PAYLOAD_TOO_LARGE");
    expect(body.message).toBe("The request is too large.");
  });

  test("a wrong code: 400 PAIRING_CODE_INVALID in the caller's language", async ({ request }) => {
    const nl = await request.post(url, { headers: { "accept-language": "nl" }, data: { code: "ZZZZ-ZZZZ" } });
    const nlBody = await expectError(nl, 400, "PAIRING_CODE_INVALID");
    expect(nlBody.message).toContain("koppelcode");

    const en = await request.post(url, { headers: { "accept-language": "en" }, data: { code: "ZZZZ-ZZZZ" } });
    const enBody = await expectError(en, 400, "PAIRING_CODE_INVALID");
    expect(enBody.message).toContain("pairing code");
    // A failed attempt sets no device cookie.
    expect(en.headers()["set-cookie"] ?? "").not.toContain("portier_device");
  });
});
