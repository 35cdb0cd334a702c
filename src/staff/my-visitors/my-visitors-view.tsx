"use client";
// "Mijn bezoekers": the visitors waiting for me and with me, live. Starts from the server's data
// and follows visit.checked_in / visit.updated / visit.checked_out for visits I host (the server
// sends those to my own staff room). Here the host picks a visitor up ("Ik haal op"), moves them to
// a room and ends the visit. The purpose is shown: it is the host's own visit.
import { useFormatter, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import type { VisitSummary } from "@/src/domain/events/domain-events";
import type { HostedVisit } from "@/src/domain/visits/hosted-visits";
import { useRouter } from "@/src/i18n/navigation";
import { useLiveSnapshot } from "@/src/realtime/client/use-live-snapshot";
import { useRealtimeEvent } from "@/src/realtime/client/use-realtime-event";
import { checkOutVisitAction, moveVisitAction, pickUpVisitAction } from "@/src/staff/desk/actions";
import type { MyVisitorsData } from "@/src/staff/my-visitors/load-my-visitors";

const MINUTE = 60_000;
const isOpen = (v: VisitSummary) => v.status === "WAITING" || v.status === "WITH_HOST";

export function MyVisitorsView({
  staffId,
  data,
  timeZone,
}: {
  staffId: string;
  data: MyVisitorsData;
  timeZone: string;
}) {
  const t = useTranslations("visits.mine");
  const router = useRouter();
  const [visits, setVisits] = useState<HostedVisit[]>(data.visits);
  const [shownFrom, setShownFrom] = useState(data);
  if (shownFrom !== data) {
    setShownFrom(data);
    setVisits(data.visits);
  }
  const [announcement, setAnnouncement] = useState("");
  const now = useLiveSnapshot(data.renderedAt);
  const mine = (p: VisitSummary) => p.hostId === staffId;

  const upsert = (p: VisitSummary) =>
    setVisits((list) => {
      const old = list.find((v) => v.visitId === p.visitId);
      const rest = list.filter((v) => v.visitId !== p.visitId);
      return isOpen(p) ? [...rest, { ...p, purpose: old?.purpose ?? null }] : rest;
    });

  useRealtimeEvent("visit.checked_in", (p) => {
    if (!mine(p)) return;
    upsert(p);
    setAnnouncement(t("arrived", { name: p.visitorName }));
    router.refresh(); // the purpose is not in the event
  });
  useRealtimeEvent("visit.updated", (p) => {
    if (mine(p)) upsert(p);
    else setVisits((list) => list.filter((v) => v.visitId !== p.visitId)); // handed to someone else
  });
  useRealtimeEvent("visit.checked_out", (p) => {
    setVisits((list) => list.filter((v) => v.visitId !== p.visitId));
  });

  const waiting = visits
    .filter((v) => v.status === "WAITING")
    .sort((a, b) => a.checkedInAt.localeCompare(b.checkedInAt));
  const withMe = visits
    .filter((v) => v.status === "WITH_HOST")
    .sort((a, b) => a.checkedInAt.localeCompare(b.checkedInAt));
  const card = (v: HostedVisit) => (
    <VisitCard
      key={v.visitId}
      visit={v}
      now={now}
      timeZone={timeZone}
      rooms={data.rooms[v.locationId] ?? []}
      waitAlertMinutes={data.waitAlertMinutes[v.locationId] ?? 10}
      onChanged={upsert}
      onEnded={(id) => setVisits((list) => list.filter((x) => x.visitId !== id))}
    />
  );

  return (
    <div className="stack">
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
      <section aria-labelledby="mine-waiting-heading" className="stack" data-testid="my-visitors-waiting">
        <h2 id="mine-waiting-heading">{t("waitingHeading", { count: waiting.length })}</h2>
        {waiting.length === 0 ? <p className="muted">{t("waitingNone")}</p> : waiting.map(card)}
      </section>
      <section aria-labelledby="mine-with-heading" className="stack" data-testid="my-visitors-with-me">
        <h2 id="mine-with-heading">{t("withMeHeading", { count: withMe.length })}</h2>
        {withMe.length === 0 ? <p className="muted">{t("withMeNone")}</p> : withMe.map(card)}
      </section>
    </div>
  );
}

function VisitCard({
  visit,
  now,
  timeZone,
  rooms,
  waitAlertMinutes,
  onChanged,
  onEnded,
}: {
  visit: HostedVisit;
  now: number;
  timeZone: string;
  rooms: { id: string; name: string }[];
  waitAlertMinutes: number;
  onChanged: (v: HostedVisit) => void;
  onEnded: (visitId: string) => void;
}) {
  const t = useTranslations("visits.mine");
  const tErrors = useTranslations("errors");
  const format = useFormatter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [roomId, setRoomId] = useState(visit.roomId ?? "");
  const minutes = Math.max(0, Math.floor((now - new Date(visit.checkedInAt).getTime()) / MINUTE));
  const waitingLong = visit.status === "WAITING" && (visit.waitAlertLevel > 0 || minutes >= waitAlertMinutes);
  const roomName = rooms.find((r) => r.id === visit.roomId)?.name ?? null;
  const headingId = `mine-${visit.visitId}-heading`;
  const selectId = `mine-${visit.visitId}-room`;

  function act(run: () => Promise<{ ok: true } | { ok: false; code: string }>, after: () => void) {
    setError(null);
    startTransition(async () => {
      const result = await run();
      if (result.ok) after();
      else setError(tErrors(result.code));
    });
  }

  return (
    <article
      className="card stack"
      aria-labelledby={headingId}
      data-testid={`my-visit-${visit.visitId}`}
      data-status={visit.status}
      style={waitingLong ? { borderColor: "var(--warn)", background: "var(--warn-bg)" } : undefined}
    >
      <h3 id={headingId} style={{ margin: 0 }}>
        {visit.visitorName}
        {visit.risky && (
          <>
            {" "}
            <span className="badge badge-warn" data-testid="flag-risky">
              {t("risky")}
            </span>
          </>
        )}
      </h3>
      <p style={{ margin: 0 }}>
        {t("since", {
          time: format.dateTime(new Date(visit.checkedInAt), { hour: "2-digit", minute: "2-digit", timeZone }),
        })}
        {visit.status === "WAITING" && (
          <>
            {" — "}
            <span
              className={waitingLong ? "badge badge-warn" : undefined}
              data-testid={waitingLong ? "waiting-long" : undefined}
            >
              {minutes ? t("waitingFor", { minutes }) : t("justArrived")}
            </span>
          </>
        )}
      </p>
      {visit.purpose && <p style={{ margin: 0 }}>{t("purpose", { purpose: visit.purpose })}</p>}
      <p style={{ margin: 0 }} data-testid="my-visit-room">
        {roomName ? t("room", { room: roomName }) : t("noRoom")}
      </p>
      <div className="row">
        {visit.status === "WAITING" && (
          <button
            type="button"
            className="btn"
            disabled={pending}
            aria-busy={pending || undefined}
            aria-describedby={headingId}
            data-testid="my-pick-up"
            onClick={() =>
              act(
                () => pickUpVisitAction(visit.visitId, roomId || null),
                () =>
                  onChanged({
                    ...visit,
                    status: "WITH_HOST",
                    roomId: roomId || visit.roomId,
                    pickedUpAt: new Date(now).toISOString(),
                  }),
              )
            }
          >
            {t("pickUp")}
          </button>
        )}
        {rooms.length > 0 && (
          <span className="row" style={{ gap: "0.25rem" }}>
            <label htmlFor={selectId}>{t("roomLabel")}</label>
            <select
              id={selectId}
              value={roomId}
              onChange={(e) => setRoomId(e.target.value)}
              style={{ minHeight: "var(--touch)" }}
              data-testid="my-room-select"
            >
              <option value="">{t("chooseRoom")}</option>
              {rooms.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
            {visit.status === "WITH_HOST" && (
              <button
                type="button"
                className="btn btn-secondary"
                disabled={pending || !roomId || roomId === visit.roomId}
                aria-describedby={headingId}
                data-testid="my-move"
                onClick={() =>
                  act(
                    () => moveVisitAction(visit.visitId, roomId),
                    () => onChanged({ ...visit, roomId }),
                  )
                }
              >
                {t("move")}
              </button>
            )}
          </span>
        )}
        <button
          type="button"
          className="btn btn-secondary"
          disabled={pending}
          aria-describedby={headingId}
          data-testid="my-end-visit"
          onClick={() =>
            act(
              () => checkOutVisitAction(visit.visitId),
              () => onEnded(visit.visitId),
            )
          }
        >
          {t("end")}
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </article>
  );
}
