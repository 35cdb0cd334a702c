"use client";
// A location's evacuation settings: which roles may start (and end) one, the fire panel's MQTT
// topic, and its webhook secret (shown once when issued).
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import type { EvacuationSettingsView } from "@/src/domain/evacuation/evacuation-inputs";
import { firePanelSecretAction, saveEvacuationSettingsAction } from "@/src/staff/evacuation/actions";

const ROLES = ["RECEPTION", "STAFF", "MANAGER", "ADMIN"] as const;

export function EvacuationSettingsForm({ initial }: { initial: EvacuationSettingsView }) {
  const t = useTranslations("evacuation.settings");
  const tr = useTranslations("staff.roles");
  const [roles, setRoles] = useState<string[]>(initial.startRoles);
  const [topic, setTopic] = useState(initial.mqttTopic ?? "");
  const [webhook, setWebhook] = useState(initial.webhook);
  const [secret, setSecret] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  const errorText = (codes: string[] | undefined) => {
    const c = codes?.[0];
    if (!c) return t("errors.invalid");
    if (c === "taken" || c === "wildcard" || c === "too_long") return t(`errors.${c}`);
    return t("errors.invalid_topic");
  };
  const save = () =>
    start(async () => {
      const r = await saveEvacuationSettingsAction(initial.locationId, roles, topic);
      if (r.ok) setMessage({ ok: true, text: t("saved") });
      else setMessage({ ok: false, text: errorText(r.fieldErrors?.mqttTopic ?? r.fieldErrors?.startRoles) });
    });
  const issue = (revoke: boolean) =>
    start(async () => {
      const r = await firePanelSecretAction(initial.locationId, revoke);
      if (r.ok) {
        setSecret(r.data.secret);
        setWebhook(!revoke);
      }
    });
  return (
    <div className="stack">
      <section className="card stack">
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend style={{ fontWeight: 600 }}>{t("roles")}</legend>
          {ROLES.map((r) => (
            <label key={r} className="checkbox">
              <input
                type="checkbox"
                checked={roles.includes(r)}
                data-testid={`evac-role-${r}`}
                onChange={(e) => setRoles((prev) => (e.target.checked ? [...prev, r] : prev.filter((x) => x !== r)))}
              />
              {tr(r)}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="evac-topic">{t("mqttTopic")}</label>
          <input
            id="evac-topic"
            value={topic}
            maxLength={200}
            onChange={(e) => setTopic(e.target.value)}
            aria-describedby="evac-topic-hint"
          />
          <span id="evac-topic-hint" className="muted">
            {t("mqttHint", { payload: '{"evacuation":"start","drill":false}' })}
          </span>
        </div>
        {message && (
          <p className={`alert ${message.ok ? "alert-ok" : "alert-error"}`} role="status">
            {message.text}
          </p>
        )}
        <div>
          <button type="button" className="btn" disabled={pending} onClick={save} data-testid="evac-settings-save">
            {t("save")}
          </button>
        </div>
      </section>
      <section className="card stack" aria-labelledby="evac-webhook">
        <h2 id="evac-webhook" style={{ margin: 0 }}>
          {t("webhook")}
        </h2>
        <p>{webhook ? t("webhookOn") : t("webhookOff")}</p>
        <p className="muted">
          <code>POST /api/evacuations/fire-panel</code> · <code>Authorization: Bearer …</code>
        </p>
        {secret && (
          <div className="alert alert-warn" role="status">
            <p style={{ margin: 0 }}>{t("secretOnce")}</p>
            <code data-testid="evac-secret" style={{ wordBreak: "break-all" }}>
              {secret}
            </code>
          </div>
        )}
        <div className="row">
          <button
            type="button"
            className="btn"
            disabled={pending}
            onClick={() => issue(false)}
            data-testid="evac-new-secret"
          >
            {t("newSecret")}
          </button>
          {webhook && (
            <button type="button" className="btn btn-secondary" disabled={pending} onClick={() => issue(true)}>
              {t("revokeSecret")}
            </button>
          )}
        </div>
      </section>
    </div>
  );
}
