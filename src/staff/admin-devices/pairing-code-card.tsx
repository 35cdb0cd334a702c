"use client";
// The one-time pairing code, in large type, with its expiry and the address to open on the device.
// It lives only in this component's state: once closed (or used) it cannot be shown again.
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { DEVICE_TIME_ZONE, formatPairingCode } from "@/src/devices/device-screens";
import type { IssuedCode } from "@/src/staff/admin-devices/types";

export function PairingCodeCard({ issued, onClose }: { issued: IssuedCode & { used: boolean }; onClose: () => void }) {
  const t = useTranslations("devices.admin.code");
  const tKinds = useTranslations("devices.kinds");
  const format = useFormatter();
  const locale = useLocale();
  const heading = useRef<HTMLHeadingElement>(null);
  const [origin, setOrigin] = useState("");

  useEffect(() => {
    setOrigin(window.location.origin);
  }, []);
  // Each new code takes the focus, so keyboard and screen-reader users land on it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: refocus when a different code is issued
  useEffect(() => {
    heading.current?.focus();
  }, [issued.code]);

  const pairUrl = `${origin}/${locale}/pair`;
  const validUntil = format.dateTime(new Date(issued.expiresAt), {
    hour: "numeric",
    minute: "2-digit",
    timeZone: DEVICE_TIME_ZONE,
  });

  return (
    <section
      className="card stack"
      aria-labelledby="pairing-code-title"
      data-testid="pairing-code-card"
      data-device-id={issued.deviceId}
      style={{ borderWidth: 2, borderColor: "var(--primary)" }}
    >
      <h2 id="pairing-code-title" ref={heading} tabIndex={-1} style={{ marginTop: 0 }}>
        {t("title", { name: issued.name })} <span className="muted">({tKinds(issued.kind)})</span>
      </h2>
      {issued.used ? (
        <div className="alert alert-ok" role="status" data-testid="pairing-code-used">
          {t("paired", { name: issued.name })}
        </div>
      ) : (
        <>
          <p style={{ margin: 0 }}>
            <span className="sr-only">{t("label")}: </span>
            <span
              className="code-display"
              style={{ fontSize: "clamp(2rem, 7vw, 3.5rem)" }}
              data-testid="pairing-code"
              data-code={issued.code}
            >
              {formatPairingCode(issued.code)}
            </span>
          </p>
          <p style={{ margin: 0, fontWeight: 600 }} data-testid="pairing-expiry">
            {t("validUntil", { time: validUntil })}
          </p>
          <p style={{ margin: 0 }}>
            {t("step1")}{" "}
            <strong data-testid="pairing-url" style={{ wordBreak: "break-all" }}>
              {pairUrl}
            </strong>
          </p>
          <p style={{ margin: 0 }}>{t("step2")}</p>
        </>
      )}
      <div className="row">
        <button type="button" className="btn btn-secondary" onClick={onClose} data-testid="pairing-code-close">
          {t("close")}
        </button>
      </div>
    </section>
  );
}
