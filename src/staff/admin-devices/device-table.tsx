"use client";
// One location's devices: kind, room, pairing state, live online state, last seen, actions.
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef, useState, useTransition } from "react";
import { DEVICE_TIME_ZONE } from "@/src/devices/device-screens";
import type { ActionResult } from "@/src/server/action-result";
import { newPairingCodeAction, revokeDeviceAction } from "@/src/staff/admin-devices/actions";
import type { DeviceRow, IssuedCode, LocationOption } from "@/src/staff/admin-devices/types";

export function DeviceTable({
  location,
  rows,
  canManage,
  now,
  onIssued,
}: {
  location: LocationOption;
  rows: DeviceRow[];
  canManage: boolean;
  now: Date;
  onIssued: (code: IssuedCode) => void;
}) {
  const t = useTranslations("devices.admin");
  const headingId = `devices-${location.id}`;
  return (
    <section aria-labelledby={headingId} data-testid={`device-location-${location.id}`}>
      <h2 id={headingId}>{location.name}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t("emptyLocation")}</p>
      ) : (
        <div style={{ overflowX: "auto" }}>
          <table className="table">
            <caption className="sr-only">
              {t("title")} — {location.name}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("columns.name")}</th>
                <th scope="col">{t("columns.kind")}</th>
                <th scope="col">{t("columns.room")}</th>
                <th scope="col">{t("columns.pairing")}</th>
                <th scope="col">{t("columns.online")}</th>
                <th scope="col">{t("columns.lastSeen")}</th>
                {canManage && <th scope="col">{t("columns.actions")}</th>}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <DeviceTableRow key={row.id} row={row} canManage={canManage} now={now} onIssued={onIssued} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function pairingState(row: DeviceRow): "revoked" | "paired" | "pending" | "unpaired" {
  if (row.revoked && !row.pairingPending) return "revoked";
  if (row.paired) return "paired";
  return row.pairingPending ? "pending" : "unpaired";
}

const PAIRING_BADGE = { revoked: "badge-danger", paired: "badge-ok", pending: "badge-warn", unpaired: "badge-off" };

function DeviceTableRow({
  row,
  canManage,
  now,
  onIssued,
}: {
  row: DeviceRow;
  canManage: boolean;
  now: Date;
  onIssued: (code: IssuedCode) => void;
}) {
  const t = useTranslations("devices");
  const format = useFormatter();
  const pairing = pairingState(row);
  const online = row.online && !row.revoked;
  const lastSeen = row.lastSeenAt ? new Date(row.lastSeenAt) : null;
  return (
    <tr data-testid={`device-row-${row.id}`} data-device-name={row.name}>
      <th scope="row" style={{ fontSize: "inherit", color: "inherit" }}>
        {row.name}
      </th>
      <td>{t(`kinds.${row.kind}`)}</td>
      <td>{row.roomName ?? t("admin.noRoom")}</td>
      <td>
        <span
          className={`badge ${PAIRING_BADGE[pairing]}`}
          style={{ whiteSpace: "nowrap" }}
          data-testid={`device-pairing-${row.id}`}
          data-state={pairing}
        >
          {t(`admin.pairing.${pairing}`)}
        </span>
      </td>
      <td>
        <span
          className={`badge ${online ? "badge-ok" : "badge-off"}`}
          style={{ whiteSpace: "nowrap" }}
          data-testid={`device-online-${row.id}`}
          data-online={online ? "true" : "false"}
        >
          {online ? t("admin.online") : t("admin.offline")}
        </span>
      </td>
      <td data-testid={`device-last-seen-${row.id}`}>
        {lastSeen ? (
          <>
            <time dateTime={lastSeen.toISOString()}>{format.relativeTime(lastSeen < now ? lastSeen : now, now)}</time>
            <br />
            <span className="muted" style={{ whiteSpace: "nowrap" }}>
              {format.dateTime(lastSeen, { dateStyle: "short", timeStyle: "short", timeZone: DEVICE_TIME_ZONE })}
            </span>
          </>
        ) : (
          <span className="muted">{t("admin.never")}</span>
        )}
      </td>
      {canManage && (
        <td>
          <RowActions row={row} onIssued={onIssued} />
        </td>
      )}
    </tr>
  );
}

function RowActions({ row, onIssued }: { row: DeviceRow; onIssued: (code: IssuedCode) => void }) {
  const t = useTranslations("devices.admin");
  const tErrors = useTranslations("errors");
  const [pending, startTransition] = useTransition();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const question = useRef<HTMLParagraphElement>(null);
  const revokeButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) question.current?.focus();
  }, [confirming]);

  function fail(result: ActionResult<unknown>) {
    if (!result.ok) setError(tErrors(result.code));
  }

  function newCode() {
    setError(null);
    startTransition(async () => {
      const result = await newPairingCodeAction({ deviceId: row.id });
      if (result.ok) onIssued(result.data);
      else fail(result);
    });
  }

  function revoke() {
    setError(null);
    startTransition(async () => {
      const result = await revokeDeviceAction({ deviceId: row.id });
      if (result.ok) setConfirming(false);
      else fail(result);
    });
  }

  function cancel() {
    setConfirming(false);
    requestAnimationFrame(() => revokeButton.current?.focus());
  }

  return (
    <div className="stack">
      {error && (
        <p className="alert alert-error" role="alert" data-testid={`device-action-error-${row.id}`}>
          {error}
        </p>
      )}
      {confirming ? (
        <div className="stack" data-testid={`device-revoke-confirm-${row.id}`}>
          <p ref={question} tabIndex={-1} style={{ margin: 0 }}>
            <strong>{t("revoke.confirm", { name: row.name })}</strong>
          </p>
          <div className="row">
            <button type="button" className="btn btn-danger" onClick={revoke} disabled={pending} aria-busy={pending}>
              {t("revoke.confirmButton")}
            </button>
            <button type="button" className="btn btn-secondary" onClick={cancel} disabled={pending}>
              {t("revoke.cancel")}
            </button>
          </div>
        </div>
      ) : (
        <div className="row" style={{ flexWrap: "nowrap" }}>
          <button
            type="button"
            className="btn btn-secondary"
            style={{ whiteSpace: "nowrap" }}
            onClick={newCode}
            disabled={pending}
            aria-label={t("newCodeFor", { name: row.name })}
            data-testid={`device-new-code-${row.id}`}
          >
            {t("newCode")}
          </button>
          {(row.paired || row.pairingPending) && (
            <button
              ref={revokeButton}
              type="button"
              className="btn btn-danger"
              style={{ whiteSpace: "nowrap" }}
              onClick={() => setConfirming(true)}
              disabled={pending}
              aria-label={t("revoke.buttonFor", { name: row.name })}
              data-testid={`device-revoke-${row.id}`}
            >
              {t("revoke.button")}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
