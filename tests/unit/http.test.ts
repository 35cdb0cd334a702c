import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from "vitest";
import { z } from "zod";
import { AppError } from "@/src/domain/errors";
import { messages } from "@/src/i18n/messages";
import { DEFAULT_MAX_BODY_BYTES, handle, isCrossSiteWrite, readJson } from "@/src/server/http";

const schema = z.object({ name: z.string().min(1), age: z.number().int().nonnegative() });

const post = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request("http://localhost/api/test", { method: "POST", body, headers, duplex: "half" } as RequestInit);

function streamOf(totalBytes: number, chunk = 4096): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();
      const n = Math.min(chunk, totalBytes - sent);
      controller.enqueue(new Uint8Array(n).fill(0x20));
      sent += n;
    },
  });
}

async function errorOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw new Error(`expected an AppError, got ${e}`);
  }
  throw new Error("expected the call to fail");
}

describe("readJson", () => {
  it("parses and validates a good body", async () => {
    await expect(readJson(post(JSON.stringify({ name: "Ada", age: 36 })), schema)).resolves.toEqual({
      name: "Ada",
      age: 36,
    });
  });

  it("rejects a body whose declared length is too large, before reading it", async () => {
    const req = post(JSON.stringify({ name: "Ada", age: 1 }), { "content-length": String(DEFAULT_MAX_BODY_BYTES + 1) });
    expect((await errorOf(readJson(req, schema))).code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("rejects an oversized body without a content-length while streaming", async () => {
    const e = await errorOf(readJson(post(streamOf(DEFAULT_MAX_BODY_BYTES + 10)), schema));
    expect(e.code).toBe("PAYLOAD_TOO_LARGE");
    const small = await errorOf(readJson(post(streamOf(200)), schema, 100));
    expect(small.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("accepts a body of exactly the limit", async () => {
    const body = JSON.stringify({ name: "x", age: 1 });
    const padded = body.padEnd(100, " ");
    await expect(readJson(post(padded), schema, 100)).resolves.toEqual({ name: "x", age: 1 });
  });

  it.each(["{not json", "", '{"name": "Ada",}'])("rejects malformed JSON %j with BAD_JSON", async (body) => {
    expect((await errorOf(readJson(post(body), schema))).code).toBe("BAD_JSON");
  });

  it("rejects a missing body with BAD_JSON", async () => {
    expect((await errorOf(readJson(post(null), schema))).code).toBe("BAD_JSON");
  });

  it("turns schema failures into VALIDATION with field errors", async () => {
    const e = await errorOf(readJson(post(JSON.stringify({ name: "", age: -1 })), schema));
    expect(e.code).toBe("VALIDATION");
    expect(Object.keys(e.fieldErrors ?? {}).sort()).toEqual(["age", "name"]);
    expect(e.fieldErrors?.name).toEqual(["too_small"]);

    const root = await errorOf(readJson(post("[1,2]"), schema));
    expect(root.code).toBe("VALIDATION");
    expect(root.fieldErrors?._).toEqual(["invalid_type"]);
  });
});

describe("handle", () => {
  let log: MockInstance;
  beforeEach(() => {
    log = vi.spyOn(console, "error").mockImplementation(() => {});
  });
  afterEach(() => log.mockRestore());

  const req = (headers: Record<string, string> = {}, url = "http://localhost/api/x") => new Request(url, { headers });

  it("passes a successful response through", async () => {
    const res = await handle(async () => Response.json({ ok: true }, { status: 201 }))(req());
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ ok: true });
  });

  it.each([
    ["UNAUTHORIZED", 401],
    ["FORBIDDEN", 403],
    ["NOT_FOUND", 404],
    ["VALIDATION", 422],
    ["CONFLICT", 409],
    ["RATE_LIMITED", 429],
    ["PAIRING_CODE_INVALID", 400],
    ["PAYLOAD_TOO_LARGE", 413],
    ["BAD_JSON", 400],
  ] as const)("answers AppError %s with %i and a Dutch message by default", async (code, status) => {
    const res = await handle(async () => {
      throw new AppError(code, "internal detail");
    })(req());
    expect(res.status).toBe(status);
    const body = await res.json();
    expect(body).toMatchObject({ ok: false, code, message: messages.nl.errors[code] });
    expect(JSON.stringify(body)).not.toContain("internal detail");
    expect(log).not.toHaveBeenCalled();
  });

  it("passes field errors on and answers in the caller's language", async () => {
    const res = await handle(async () => {
      throw new AppError("VALIDATION", "bad", { email: ["taken"] });
    })(req({ "accept-language": "en-GB,en;q=0.9" }));
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      fieldErrors: { email: ["taken"] },
      message: messages.en.errors.VALIDATION,
    });
    const viaQuery = await handle(async () => {
      throw new AppError("NOT_FOUND");
    })(req({ "accept-language": "nl" }, "http://localhost/api/x?locale=en"));
    expect((await viaQuery.json()).message).toBe(messages.en.errors.NOT_FOUND);
  });

  it("turns an unknown error into a 500 without leaking its message", async () => {
    const res = await handle(async () => {
      throw new Error("SQLITE_CORRUPT at /var/lib/portier/secret-path");
    })(req());
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("SQLITE_CORRUPT");
    expect(text).not.toContain("secret-path");
    expect(JSON.parse(text)).toEqual({ ok: false, code: "INTERNAL", message: messages.nl.errors.INTERNAL });
    expect(log).toHaveBeenCalledOnce();
  });

  it("treats a thrown non-Error as unknown too", async () => {
    const res = await handle(async () => {
      throw "plain string";
    })(req());
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain("plain string");
  });
});

describe("cross-site writes", () => {
  const req = (method: string, headers: Record<string, string>) =>
    new Request("http://portier.local/api/kiosk/check-in", { method, headers });

  it("passes same-origin and origin-less writes, and every read", () => {
    expect(isCrossSiteWrite(req("POST", { host: "portier.local", origin: "http://portier.local" }))).toBe(false);
    expect(
      isCrossSiteWrite(req("POST", { "x-forwarded-host": "portier.example", origin: "https://portier.example" })),
    ).toBe(false);
    expect(isCrossSiteWrite(req("POST", {}))).toBe(false); // a hardware webhook or a script
    expect(isCrossSiteWrite(req("GET", { host: "portier.local", origin: "https://evil.example" }))).toBe(false);
  });

  it("refuses a write from another site, a null origin, or a cross-site fetch", async () => {
    expect(isCrossSiteWrite(req("POST", { host: "portier.local", origin: "https://evil.example" }))).toBe(true);
    expect(isCrossSiteWrite(req("DELETE", { host: "portier.local", origin: "null" }))).toBe(true);
    expect(isCrossSiteWrite(req("POST", { "sec-fetch-site": "cross-site" }))).toBe(true);
    const handler = handle(async () => Response.json({ ok: true }));
    const res = await handler(req("POST", { host: "portier.local", origin: "https://evil.example" }));
    expect(res.status).toBe(403);
    expect((await res.json()).code).toBe("FORBIDDEN");
  });
});
