"use client";
// The pairing screen's form: one big field for the 8-character code (case, spaces and dashes do
// not matter). On success the server has set the device cookie; the device opens its own screen.
import { useLocale, useTranslations } from "next-intl";
import { type FormEvent, useRef, useState } from "react";
import { normaliseTypedCode } from "@/src/devices/device-screens";

export function PairForm() {
  const t = useTranslations("devices.pair");
  const locale = useLocale();
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [state, setState] = useState<"idle" | "busy" | "done">("idle");
  const input = useRef<HTMLInputElement>(null);

  function failWith(message: string) {
    setError(message);
    setState("idle");
    requestAnimationFrame(() => input.current?.select());
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (state !== "idle") return;
    const normalised = normaliseTypedCode(code);
    if (normalised.length !== 8) return failWith(t("tooShort"));
    setState("busy");
    setError(null);
    try {
      const res = await fetch(`/api/devices/pair?locale=${locale}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ code: normalised }),
      });
      const body = (await res.json().catch(() => null)) as
        | { ok: true; redirectTo: string }
        | { ok: false; message?: string }
        | null;
      if (res.ok && body?.ok) {
        setState("done");
        // A full page load: the new screen's socket then carries the new device cookie.
        window.location.assign(body.redirectTo);
        return;
      }
      failWith(body && !body.ok && body.message ? body.message : t("failed"));
    } catch {
      failWith(t("failed"));
    }
  }

  return (
    <form className="card stack" onSubmit={onSubmit} noValidate data-testid="pair-form" style={{ width: "100%" }}>
      {error && (
        <div className="alert alert-error" role="alert" data-testid="pair-error" id="pair-code-error">
          {error}
        </div>
      )}
      {state === "done" && (
        <div className="alert alert-ok" role="status" data-testid="pair-done">
          {t("done")}
        </div>
      )}
      <div className="field">
        <label htmlFor="pair-code" style={{ fontSize: "1.25rem" }}>
          {t("label")}
        </label>
        <input
          ref={input}
          id="pair-code"
          name="code"
          type="text"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoComplete="off"
          autoCapitalize="characters"
          autoCorrect="off"
          spellCheck={false}
          maxLength={24}
          autoFocus
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "pair-code-hint pair-code-error" : "pair-code-hint"}
          placeholder="XXXX-XXXX"
          style={{
            fontFamily: 'ui-monospace, "DejaVu Sans Mono", monospace',
            fontSize: "clamp(1.75rem, 6vw, 2.5rem)",
            letterSpacing: "0.15em",
            textTransform: "uppercase",
            textAlign: "center",
            minHeight: "4.5rem",
          }}
        />
        <p className="muted" id="pair-code-hint" style={{ margin: 0 }}>
          {t("hint")}
        </p>
      </div>
      <button
        className="btn btn-large"
        type="submit"
        disabled={state !== "idle"}
        aria-busy={state === "busy" || undefined}
      >
        {state === "busy" ? t("busy") : t("submit")}
      </button>
    </form>
  );
}
