"use client";
// "Forget the pairing on this device": removes the device cookie from this browser, after a
// confirmation. Only offered on the pairing page, never on a screen visitors touch.
import { useTranslations } from "next-intl";
import { useState } from "react";

export function ForgetPairing() {
  const t = useTranslations("devices.pair");
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  async function forget() {
    setBusy(true);
    try {
      await fetch("/api/devices/unpair", { method: "POST" });
    } finally {
      window.location.reload();
    }
  }

  if (!confirming) {
    return (
      <button
        type="button"
        className="btn btn-secondary"
        onClick={() => setConfirming(true)}
        data-testid="forget-pairing"
      >
        {t("forget")}
      </button>
    );
  }
  return (
    <div className="stack" data-testid="forget-pairing-confirm">
      <p style={{ margin: 0 }}>
        <strong>{t("forgetConfirm")}</strong>
      </p>
      <div className="row" style={{ justifyContent: "center" }}>
        <button type="button" className="btn btn-danger" onClick={forget} disabled={busy} aria-busy={busy || undefined}>
          {t("forgetConfirmButton")}
        </button>
        <button type="button" className="btn btn-secondary" onClick={() => setConfirming(false)} disabled={busy}>
          {t("forgetCancel")}
        </button>
      </div>
    </div>
  );
}
