"use client";
// The desk's alarm panel (alarms.manage): the location's open alarms live, per responder
// delivered / seen / coming / can't; escalation step 2 ("Bel 112", with the emergency contacts
// and the desk phone) as a banner nobody can miss; the all clear with an outcome and a note,
// after which the incident draft it opened is named.
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useState } from "react";
import type { AlarmView } from "@/src/domain/alarms/alarm-view";
import { Link } from "@/src/i18n/navigation";
import { useRealtimeEvent } from "@/src/realtime/client/use-realtime-event";
import { CloseAlarmForm, type ClosedAlarm } from "@/src/staff/alarms/close-alarm-form";
import type { DeskAlarmData } from "@/src/staff/alarms/load-desk-alarms";
import { ClosedNotice } from "@/src/staff/alarms/pager";
import { ResponderList, useRoomLabel } from "@/src/staff/alarms/responder-list";

const byRaised = (a: AlarmView, b: AlarmView) => a.raisedAt.localeCompare(b.raisedAt);

export function DeskAlarmPanel({ data }: { data: DeskAlarmData }) {
  const t = useTranslations("alarms");
  const format = useFormatter();
  const room = useRoomLabel();
  const [alarms, setAlarms] = useState(data.alarms);
  const [shownFrom, setShownFrom] = useState(data);
  const [contacts, setContacts] = useState({ emergencyContacts: data.emergencyContacts, deskPhone: data.deskPhone });
  if (shownFrom !== data) {
    setShownFrom(data);
    setAlarms(data.alarms);
    setContacts({ emergencyContacts: data.emergencyContacts, deskPhone: data.deskPhone });
  }
  const [closed, setClosed] = useState<ClosedAlarm[]>([]);

  const upsert = useCallback(
    (view: AlarmView) => {
      if (view.locationId !== data.locationId) return;
      setAlarms((list) => {
        const rest = list.filter((a) => a.id !== view.id);
        return view.status === "OPEN" ? [...rest, view].sort(byRaised) : rest;
      });
    },
    [data.locationId],
  );
  useRealtimeEvent("alarm.updated", (view) => upsert(view));
  useRealtimeEvent("alarm.escalated", (p) => {
    if (p.alarm.locationId !== data.locationId) return;
    setContacts({ emergencyContacts: p.emergencyContacts, deskPhone: p.deskPhone });
    upsert(p.alarm);
  });

  const time = (iso: string) =>
    format.dateTime(new Date(iso), { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  const call112 = alarms.filter((a) => a.escalation >= 2 && !a.test);
  const active = alarms.length > 0;

  return (
    <section
      aria-labelledby="desk-alarms-heading"
      data-testid="desk-alarms"
      className="stack"
      style={
        active
          ? {
              border: "6px solid var(--danger)",
              borderRadius: "var(--radius)",
              background: "var(--danger-bg)",
              padding: "1rem",
            }
          : undefined
      }
    >
      {call112.length > 0 && (
        <div
          role="alert"
          data-testid="desk-call-112"
          className="stack"
          style={{
            background: "var(--danger)",
            color: "#fff",
            borderRadius: "var(--radius)",
            padding: "1.25rem",
            border: "6px solid #000",
            gap: "0.5rem",
          }}
        >
          <h2 style={{ margin: 0, fontSize: "clamp(2.5rem, 8vw, 4rem)", lineHeight: 1 }}>{t("desk.call112Title")}</h2>
          {call112.map((a) => (
            <p key={a.id} style={{ margin: 0, fontSize: "1.4rem", fontWeight: 700 }}>
              {t("desk.call112Text", { room: room(a) })}
            </p>
          ))}
          <div>
            <h3 style={{ margin: "0.5rem 0 0.25rem" }}>{t("desk.emergencyContacts")}</h3>
            {contacts.emergencyContacts.trim() ? (
              <ul style={{ margin: 0, fontSize: "1.25rem" }} data-testid="desk-emergency-contacts">
                {contacts.emergencyContacts
                  .split("\n")
                  .map((line) => line.trim())
                  .filter(Boolean)
                  .map((line) => (
                    <li key={line}>{line}</li>
                  ))}
              </ul>
            ) : (
              <p style={{ margin: 0 }}>{t("desk.noEmergencyContacts")}</p>
            )}
            {contacts.deskPhone && (
              <p style={{ margin: "0.5rem 0 0", fontSize: "1.25rem" }}>
                {t("desk.deskPhone", { phone: contacts.deskPhone })}
              </p>
            )}
          </div>
        </div>
      )}

      <h2 id="desk-alarms-heading" style={{ margin: 0, color: active ? "var(--danger)" : undefined }}>
        {active ? t("desk.headingCount", { count: alarms.length }) : t("desk.heading")}
      </h2>
      {!active && (
        <p className="muted" style={{ margin: 0 }} data-testid="desk-alarms-none">
          {t("desk.none")}
        </p>
      )}

      {closed.map((c) => (
        <div key={c.alarm.id} className="alert alert-ok row" role="status" data-testid="desk-alarm-closed">
          <div style={{ flex: 1 }}>
            <ClosedNotice closed={c} />
          </div>
          <Link href={`/staff/alarms/${c.alarm.id}`}>{t("desk.timeline")}</Link>
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => setClosed((list) => list.filter((x) => x.alarm.id !== c.alarm.id))}
          >
            {t("desk.dismiss")}
          </button>
        </div>
      ))}

      {alarms.map((a) => (
        <article
          key={a.id}
          className="card stack"
          data-testid="desk-alarm"
          data-alarm-id={a.id}
          data-escalation={a.escalation}
          style={{ borderLeft: "8px solid var(--danger)" }}
        >
          <div className="row" style={{ gap: "0.5rem", alignItems: "baseline" }}>
            {a.test && <span className="badge badge-warn">{t("testMark")}</span>}
            <span className="badge badge-danger">{t(`levels.${a.level}`)}</span>
            <strong style={{ fontSize: "1.3rem" }}>{room(a)}</strong>
            <span className="muted">{t("desk.raisedAt", { time: time(a.raisedAt) })}</span>
            <span className="spacer" style={{ flex: 1 }} />
            <Link href={`/staff/alarms/${a.id}`}>{t("desk.timeline")}</Link>
          </div>
          {a.escalation === 1 && (
            <p className="alert alert-warn" style={{ margin: 0 }} data-testid="desk-alarm-escalated-all">
              {t("desk.escalatedAll")}
            </p>
          )}
          <h3 style={{ margin: 0, fontSize: "1rem" }}>{t("desk.responders")}</h3>
          {a.responders.length ? <ResponderList alarm={a} /> : <p className="muted">{t("desk.noResponders")}</p>}
          <CloseAlarmForm
            alarm={a}
            onClosed={(c) => {
              setClosed((list) => [c, ...list.filter((x) => x.alarm.id !== c.alarm.id)]);
              upsert(c.alarm);
            }}
          />
        </article>
      ))}
    </section>
  );
}
