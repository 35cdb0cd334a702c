"use client";
// The panic-button admin page's live part: the MQTT link's state, adding a button (topic and/or a
// webhook key, shown once), the buttons per location, and revoking one (with a confirmation).
import { useFormatter, useTranslations } from "next-intl";
import { type FormEvent, useEffect, useRef, useState, useTransition } from "react";
import type { ActionResult } from "@/src/server/action-result";
import { registerAlarmButtonAction, revokeAlarmButtonAction } from "@/src/staff/admin-alarm-buttons/actions";
import type {
  AlarmButtonRow,
  ButtonLinkView,
  ButtonLocation,
  IssuedSecret,
} from "@/src/staff/admin-alarm-buttons/types";

const TIME_ZONE = "Europe/Amsterdam";
const FIELDS = ["name", "locationId", "roomId", "level", "mqttTopic"] as const;

export function ButtonAdmin({
  buttons,
  locations,
  link,
}: {
  buttons: AlarmButtonRow[];
  locations: ButtonLocation[];
  link: ButtonLinkView;
}) {
  const t = useTranslations("alarmAdmin.buttons");
  const format = useFormatter();
  const [issued, setIssued] = useState<IssuedSecret | null>(null);
  const since = link.since
    ? format.dateTime(new Date(link.since), { dateStyle: "short", timeStyle: "short", timeZone: TIME_ZONE })
    : "?";
  return (
    <div className="stack">
      {!link.configured ? (
        <p className="alert alert-warn" data-testid="button-link-status" data-state="off">
          {t("linkOff")}
        </p>
      ) : link.state === "connected" ? (
        <p className="alert alert-ok" data-testid="button-link-status" data-state="connected">
          {t("linkConnected", { since })}
        </p>
      ) : (
        <p className="alert alert-error" role="alert" data-testid="button-link-status" data-state="disconnected">
          {t("linkDown", { since })}
        </p>
      )}
      {issued && <SecretCard issued={issued} onClose={() => setIssued(null)} />}
      <RegisterButtonForm locations={locations} onIssued={setIssued} />
      {locations.length === 0 && <p>{t("noLocations")}</p>}
      {locations.map((l) => (
        <ButtonTable key={l.id} location={l} rows={buttons.filter((b) => b.locationId === l.id)} />
      ))}
    </div>
  );
}

function SecretCard({ issued, onClose }: { issued: IssuedSecret; onClose: () => void }) {
  const t = useTranslations("alarmAdmin.buttons.secret");
  const heading = useRef<HTMLHeadingElement>(null);
  const [origin, setOrigin] = useState("");
  useEffect(() => setOrigin(window.location.origin), []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: refocus when a different secret is issued
  useEffect(() => {
    heading.current?.focus();
  }, [issued.secret]);
  return (
    <section
      className="card stack"
      aria-labelledby="button-secret-title"
      data-testid="button-secret-card"
      style={{ borderWidth: 2, borderColor: "var(--primary)" }}
    >
      <h2 id="button-secret-title" ref={heading} tabIndex={-1} style={{ marginTop: 0 }}>
        {t("title", { name: issued.name })}
      </h2>
      <p style={{ margin: 0, fontWeight: 600 }}>{t("once")}</p>
      <p style={{ margin: 0 }}>
        <code
          className="code-display"
          style={{ wordBreak: "break-all", fontSize: "1.1rem" }}
          data-testid="button-secret"
        >
          {issued.secret}
        </code>
      </p>
      <p style={{ margin: 0 }}>{t("how", { url: `${origin}/api/alarms/button` })}</p>
      <p style={{ margin: 0 }}>
        {t("body")} <code>{'{"level": "ASSISTANCE"}'}</code> / <code>{'{"level": "EMERGENCY"}'}</code>
      </p>
      <div className="row">
        <button type="button" className="btn btn-secondary" onClick={onClose} data-testid="button-secret-close">
          {t("close")}
        </button>
      </div>
    </section>
  );
}

function RegisterButtonForm({
  locations,
  onIssued,
}: {
  locations: ButtonLocation[];
  onIssued: (issued: IssuedSecret | null) => void;
}) {
  const t = useTranslations("alarmAdmin.buttons");
  const tErrors = useTranslations("errors");
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<ActionResult<IssuedSecret | null> | null>(null);
  const [locationId, setLocationId] = useState(locations[0]?.id ?? "");
  const nameInput = useRef<HTMLInputElement>(null);
  const openButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) nameInput.current?.focus();
  }, [open]);
  if (locations.length === 0) return null;
  const rooms = locations.find((l) => l.id === locationId)?.rooms ?? [];

  const errorsFor = (field: string): string[] => {
    if (!result || result.ok || !result.fieldErrors) return [];
    const codes = Object.entries(result.fieldErrors)
      .filter(([key]) => key === field || key.startsWith(`${field}.`))
      .flatMap(([, c]) => c);
    return [...new Set(codes)].map((code) =>
      t.has(`errors.${field}.${code}`) ? t(`errors.${field}.${code}`) : t("errors.invalid"),
    );
  };
  const a11y = (field: (typeof FIELDS)[number], hint = false) => {
    const invalid = errorsFor(field).length > 0;
    const describedBy = [hint ? `button-${field}-hint` : null, invalid ? `button-${field}-error` : null]
      .filter(Boolean)
      .join(" ");
    return {
      id: `button-${field}`,
      "aria-invalid": invalid || undefined,
      "aria-describedby": describedBy || undefined,
    };
  };
  const fieldError = (field: (typeof FIELDS)[number]) => {
    const texts = errorsFor(field);
    return texts.length ? (
      <p className="field-error" id={`button-${field}-error`} data-testid={`button-${field}-error`}>
        {texts.join(" ")}
      </p>
    ) : null;
  };

  function close() {
    setOpen(false);
    setResult(null);
    requestAnimationFrame(() => openButton.current?.focus());
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const formData = new FormData(form);
    startTransition(async () => {
      const r = await registerAlarmButtonAction(formData);
      setResult(r);
      if (r.ok) {
        form.reset();
        setOpen(false);
        setResult(null);
        onIssued(r.data);
      }
    });
  }

  if (!open) {
    return (
      <div className="row">
        <button
          ref={openButton}
          type="button"
          className="btn"
          onClick={() => setOpen(true)}
          data-testid="add-button-open"
        >
          {t("register.open")}
        </button>
      </div>
    );
  }
  const shownFieldErrors = FIELDS.some((f) => errorsFor(f).length > 0);
  return (
    <form
      className="card stack"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="add-button-title"
      data-testid="add-button-form"
    >
      <h2 id="add-button-title" style={{ marginTop: 0 }}>
        {t("register.title")}
      </h2>
      {result && !result.ok && (
        <div className="alert alert-error" role="alert" data-testid="add-button-error">
          {shownFieldErrors ? tErrors("VALIDATION") : tErrors(result.code)}
        </div>
      )}
      <div className="field">
        <label htmlFor="button-name">{t("register.name")}</label>
        <input
          ref={nameInput}
          name="name"
          type="text"
          required
          maxLength={100}
          autoComplete="off"
          {...a11y("name", true)}
        />
        <p className="muted" id="button-name-hint" style={{ margin: 0 }}>
          {t("register.nameHint")}
        </p>
        {fieldError("name")}
      </div>
      <div className="field">
        <label htmlFor="button-locationId">{t("register.location")}</label>
        <select
          name="locationId"
          value={locationId}
          onChange={(e) => setLocationId(e.target.value)}
          {...a11y("locationId")}
        >
          {locations.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
        {fieldError("locationId")}
      </div>
      <div className="field">
        <label htmlFor="button-roomId">{t("register.room")}</label>
        <select name="roomId" required {...a11y("roomId")}>
          {rooms.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
        {fieldError("roomId")}
      </div>
      <div className="field">
        <label htmlFor="button-level">{t("register.level")}</label>
        <select name="level" defaultValue="EMERGENCY" {...a11y("level")}>
          <option value="EMERGENCY">{t("levels.EMERGENCY")}</option>
          <option value="ASSISTANCE">{t("levels.ASSISTANCE")}</option>
        </select>
        {fieldError("level")}
      </div>
      <div className="field">
        <label htmlFor="button-mqttTopic">{t("register.topic")}</label>
        <input
          name="mqttTopic"
          type="text"
          maxLength={200}
          autoComplete="off"
          spellCheck={false}
          {...a11y("mqttTopic", true)}
        />
        <p className="muted" id="button-mqttTopic-hint" style={{ margin: 0 }}>
          {t("register.topicHint")}
        </p>
        {fieldError("mqttTopic")}
      </div>
      <label style={{ minHeight: 44, display: "flex", alignItems: "center", gap: 8 }}>
        <input
          type="checkbox"
          name="webhook"
          defaultChecked
          style={{ width: 24, height: 24 }}
          data-testid="button-webhook"
        />
        {t("register.webhook")}
      </label>
      <div className="row">
        <button type="submit" className="btn" disabled={pending} aria-busy={pending || undefined}>
          {pending ? t("register.busy") : t("register.submit")}
        </button>
        <button type="button" className="btn btn-secondary" onClick={close} disabled={pending}>
          {t("register.cancel")}
        </button>
      </div>
    </form>
  );
}

function ButtonTable({ location, rows }: { location: ButtonLocation; rows: AlarmButtonRow[] }) {
  const t = useTranslations("alarmAdmin.buttons");
  const headingId = `buttons-${location.id}`;
  return (
    <section aria-labelledby={headingId} data-testid={`buttons-location-${location.id}`}>
      <h2 id={headingId}>{location.name}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t("empty")}</p>
      ) : (
        <div style={{ overflowX: "auto" }}>
          <table className="table">
            <caption className="sr-only">
              {t("title")} — {location.name}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("columns.name")}</th>
                <th scope="col">{t("columns.room")}</th>
                <th scope="col">{t("columns.level")}</th>
                <th scope="col">{t("columns.topic")}</th>
                <th scope="col">{t("columns.webhook")}</th>
                <th scope="col">{t("columns.state")}</th>
                <th scope="col">{t("columns.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} data-testid={`button-row-${row.id}`} data-button-name={row.name}>
                  <th scope="row" style={{ fontSize: "inherit", color: "inherit" }}>
                    {row.name}
                  </th>
                  <td>{row.roomName}</td>
                  <td>{t(`levels.${row.level}`)}</td>
                  <td>
                    <code style={{ wordBreak: "break-all" }}>{row.mqttTopic ?? "—"}</code>
                  </td>
                  <td>{row.webhook ? t("yes") : t("no")}</td>
                  <td>
                    <span className={`badge ${row.revokedAt ? "badge-off" : "badge-ok"}`}>
                      {row.revokedAt ? t("revoked") : t("active")}
                    </span>
                  </td>
                  <td>{!row.revokedAt && <RevokeButton row={row} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function RevokeButton({ row }: { row: AlarmButtonRow }) {
  const t = useTranslations("alarmAdmin.buttons.revoke");
  const tErrors = useTranslations("errors");
  const [pending, startTransition] = useTransition();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const question = useRef<HTMLParagraphElement>(null);
  const revokeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) question.current?.focus();
  }, [confirming]);

  function revoke() {
    setError(null);
    startTransition(async () => {
      const result = await revokeAlarmButtonAction({ buttonId: row.id });
      if (result.ok) setConfirming(false);
      else setError(tErrors(result.code));
    });
  }
  function cancel() {
    setConfirming(false);
    requestAnimationFrame(() => revokeButton.current?.focus());
  }

  return (
    <div className="stack">
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      {confirming ? (
        <div className="stack" data-testid={`button-revoke-confirm-${row.id}`}>
          <p ref={question} tabIndex={-1} style={{ margin: 0 }}>
            <strong>{t("confirm", { name: row.name })}</strong>
          </p>
          <div className="row">
            <button type="button" className="btn btn-danger" onClick={revoke} disabled={pending} aria-busy={pending}>
              {t("confirmButton")}
            </button>
            <button type="button" className="btn btn-secondary" onClick={cancel} disabled={pending}>
              {t("cancel")}
            </button>
          </div>
        </div>
      ) : (
        <button
          ref={revokeButton}
          type="button"
          className="btn btn-danger"
          style={{ whiteSpace: "nowrap" }}
          onClick={() => setConfirming(true)}
          disabled={pending}
          aria-label={t("buttonFor", { name: row.name })}
          data-testid={`button-revoke-${row.id}`}
        >
          {t("button")}
        </button>
      )}
    </div>
  );
}
