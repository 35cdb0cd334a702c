"use client";
// Registers a device (name, kind, location, room) and hands its first pairing code to the page.
import { useTranslations } from "next-intl";
import { type FormEvent, useEffect, useRef, useState, useTransition } from "react";
import { DEVICE_KINDS } from "@/src/devices/device-screens";
import type { DeviceKind } from "@/src/generated/prisma/enums";
import type { ActionResult } from "@/src/server/action-result";
import { registerDeviceAction } from "@/src/staff/admin-devices/actions";
import type { IssuedCode, LocationOption } from "@/src/staff/admin-devices/types";

const FIELDS = ["name", "kind", "locationId", "roomId"] as const;

export function RegisterDeviceForm({
  locations,
  onIssued,
}: {
  locations: LocationOption[];
  onIssued: (code: IssuedCode) => void;
}) {
  const t = useTranslations("devices");
  const tErrors = useTranslations("errors");
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<ActionResult<IssuedCode> | null>(null);
  const [kind, setKind] = useState<DeviceKind>("KIOSK");
  const [locationId, setLocationId] = useState(locations[0]?.id ?? "");
  const [roomId, setRoomId] = useState("");
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
      t.has(`errors.${field}.${code}`) ? t(`errors.${field}.${code}`) : t("errors.generic.invalid"),
    );
  };
  const a11y = (field: (typeof FIELDS)[number], hint = false) => {
    const invalid = errorsFor(field).length > 0;
    const describedBy = [hint ? `device-${field}-hint` : null, invalid ? `device-${field}-error` : null]
      .filter(Boolean)
      .join(" ");
    return {
      id: `device-${field}`,
      "aria-invalid": invalid || undefined,
      "aria-describedby": describedBy || undefined,
    };
  };
  const fieldError = (field: (typeof FIELDS)[number]) => {
    const texts = errorsFor(field);
    return texts.length ? (
      <p className="field-error" id={`device-${field}-error`} data-testid={`device-${field}-error`}>
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
      const r = await registerDeviceAction(formData);
      setResult(r);
      if (r.ok) {
        form.reset();
        setKind("KIOSK");
        setRoomId("");
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
          data-testid="register-device-open"
        >
          {t("admin.register.open")}
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
      aria-labelledby="register-device-title"
      data-testid="register-device-form"
    >
      <h2 id="register-device-title" style={{ marginTop: 0 }}>
        {t("admin.register.title")}
      </h2>
      <p className="muted" style={{ margin: 0 }}>
        {t("admin.register.intro")}
      </p>
      {result && !result.ok && (
        <div className="alert alert-error" role="alert" data-testid="register-device-error">
          {shownFieldErrors ? tErrors("VALIDATION") : tErrors(result.code)}
        </div>
      )}
      <div className="field">
        <label htmlFor="device-name">{t("admin.register.name")}</label>
        <input
          ref={nameInput}
          name="name"
          type="text"
          required
          maxLength={100}
          autoComplete="off"
          {...a11y("name", true)}
        />
        <p className="muted" id="device-name-hint" style={{ margin: 0 }}>
          {t("admin.register.nameHint")}
        </p>
        {fieldError("name")}
      </div>
      <div className="field">
        <label htmlFor="device-kind">{t("admin.register.kind")}</label>
        <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as DeviceKind)} {...a11y("kind")}>
          {DEVICE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kinds.${k}`)}
            </option>
          ))}
        </select>
        {fieldError("kind")}
      </div>
      <div className="field">
        <label htmlFor="device-locationId">{t("admin.register.location")}</label>
        <select
          name="locationId"
          value={locationId}
          onChange={(e) => {
            setLocationId(e.target.value);
            setRoomId("");
          }}
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
        <label htmlFor="device-roomId">{t("admin.register.room")}</label>
        <select
          name="roomId"
          value={roomId}
          onChange={(e) => setRoomId(e.target.value)}
          required={kind === "ROOM_TABLET"}
          {...a11y("roomId", true)}
        >
          <option value="">{t("admin.register.roomNone")}</option>
          {rooms.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
        <p className="muted" id="device-roomId-hint" style={{ margin: 0 }}>
          {t("admin.register.roomHint")}
        </p>
        {fieldError("roomId")}
      </div>
      <div className="row">
        <button type="submit" className="btn" disabled={pending} aria-busy={pending || undefined}>
          {pending ? t("admin.register.busy") : t("admin.register.submit")}
        </button>
        <button type="button" className="btn btn-secondary" onClick={close} disabled={pending}>
          {t("admin.register.cancel")}
        </button>
      </div>
    </form>
  );
}
