"use client";
// The register's live part. Starts from the server's snapshot and follows the realtime events:
// visitors arriving, changing (picked up, moved) and leaving (visit.checked_in / visit.updated /
// visit.checked_out) and staff signing in and out (presence.changed). useLiveSnapshot re-reads the
// whole register after a lost connection and every minute, so a missed event cannot leave a ghost.
import { useFormatter, useTranslations } from "next-intl";
import { useRef, useState, useTransition } from "react";
import type { PresenceChange, VisitSummary } from "@/src/domain/events/domain-events";
import type { Register, RegisterStaff, RegisterVisitor, UnconfirmedSignOut } from "@/src/domain/register/load-register";
import { useRouter } from "@/src/i18n/navigation";
import { useKeyboardWedge } from "@/src/kiosk/scan/use-keyboard-wedge";
import { useLiveSnapshot } from "@/src/realtime/client/use-live-snapshot";
import { useRealtimeEvent } from "@/src/realtime/client/use-realtime-event";
import {
  confirmEndOfDayAction,
  deskBadgeScanAction,
  signInColleagueAction,
  signOutColleagueAction,
} from "@/src/staff/register/actions";
import type { RegisterPageData } from "@/src/staff/register/load-register-page";

/** How far before a snapshot's render time a live change is still applied again on top of it. */
const REPLAY_MARGIN_MS = 5_000;

type Filter = "all" | "staff" | "visitors" | "waiting" | "withHost";
const FILTERS: Filter[] = ["all", "staff", "visitors", "waiting", "withHost"];

const byTime =
  <T,>(key: (x: T) => string) =>
  (a: T, b: T) =>
    key(a).localeCompare(key(b));

export function RegisterView({ data }: { data: RegisterPageData }) {
  const t = useTranslations("register");
  const format = useFormatter();
  const router = useRouter();
  const location = data.register.location;

  // A new server snapshot (after a refresh or a reconnect) replaces what is shown.
  const [state, setStateRaw] = useState(data.register);
  const [shownFrom, setShownFrom] = useState(data.register);
  // Live changes of the last moments, stamped with the (estimated) server time they arrived at.
  // A refreshed snapshot may have been rendered just before a change that arrived while it was on
  // its way: those changes are applied again on top of it, or the person would vanish until the
  // next refresh. Re-applying a change the snapshot already holds changes nothing.
  const recent = useRef<{ at: number; apply: (r: Register) => Register }[]>([]);
  const skew = useRef(new Date(data.register.renderedAt).getTime() - Date.now());
  if (shownFrom !== data.register) {
    const rendered = new Date(data.register.renderedAt).getTime();
    skew.current = rendered - Date.now();
    recent.current = recent.current.filter((e) => e.at > rendered - REPLAY_MARGIN_MS);
    setShownFrom(data.register);
    setStateRaw(recent.current.reduce((r, e) => e.apply(r), data.register));
  }
  const setState = (apply: (r: Register) => Register) => {
    recent.current.push({ at: Date.now() + skew.current, apply });
    setStateRaw(apply);
  };
  useLiveSnapshot(data.register.renderedAt);
  const [announcement, setAnnouncement] = useState("");
  const [query, setQuery] = useState("");
  const [filter, setFilter] = useState<Filter>("all");
  const [pending, startTransition] = useTransition();
  const here = (p: { locationId: string }) => p.locationId === location.id;

  const toVisitor = (p: VisitSummary): RegisterVisitor | null => {
    if (p.status !== "WAITING" && p.status !== "WITH_HOST") return null;
    const hostName = p.hostId ? (state.hosts[p.hostId] ?? null) : null;
    const roomName = p.roomId ? (state.rooms[p.roomId] ?? null) : null;
    // A host or room this snapshot does not know: read the register afresh for its name.
    if ((p.hostId && !hostName) || (p.roomId && !roomName)) router.refresh();
    return {
      visitId: p.visitId,
      name: p.visitorName,
      status: p.status,
      hostId: p.hostId,
      hostName,
      roomId: p.roomId,
      roomName,
      checkedInAt: p.checkedInAt,
    };
  };
  const upsertVisit = (p: VisitSummary) => {
    const v = toVisitor(p);
    setState((s) => {
      const rest = s.visitors.filter((x) => x.visitId !== p.visitId);
      return { ...s, visitors: v ? [...rest, v].sort(byTime((x) => x.checkedInAt)) : rest };
    });
  };

  useRealtimeEvent("visit.checked_in", (p) => {
    if (!here(p)) return;
    upsertVisit(p);
    setAnnouncement(t("announce.arrived", { name: p.visitorName }));
  });
  useRealtimeEvent("visit.updated", (p) => {
    if (here(p)) upsertVisit(p);
  });
  useRealtimeEvent("visit.checked_out", (p) => {
    if (!here(p)) return;
    setState((s) => ({ ...s, visitors: s.visitors.filter((x) => x.visitId !== p.visitId) }));
    setAnnouncement(t("announce.left", { name: p.visitorName }));
  });
  useRealtimeEvent("presence.changed", (p: PresenceChange) => {
    if (!here(p)) return;
    setState((s) => {
      const staff = s.staff.filter((x) => x.presenceId !== p.presenceId);
      if (p.present) {
        staff.push({
          presenceId: p.presenceId,
          staffId: p.staffId,
          name: p.name,
          role: p.role,
          since: p.signedInAt,
          method: p.signedInBy,
        });
        staff.sort(byTime((x) => x.since));
      }
      const unconfirmed = s.unconfirmed.filter((x) => x.presenceId !== p.presenceId);
      if (p.needsConfirmation && p.signedOutAt) {
        unconfirmed.push({
          presenceId: p.presenceId,
          staffId: p.staffId,
          name: p.name,
          signedInAt: p.signedInAt,
          signedOutAt: p.signedOutAt,
        });
        unconfirmed.sort(byTime((x) => x.signedOutAt));
      }
      return { ...s, staff, unconfirmed };
    });
  });

  const time = (iso: string) =>
    format.dateTime(new Date(iso), { hour: "2-digit", minute: "2-digit", timeZone: location.timeZone });
  const dateTime = (iso: string) =>
    format.dateTime(new Date(iso), {
      day: "numeric",
      month: "short",
      hour: "2-digit",
      minute: "2-digit",
      timeZone: location.timeZone,
    });

  const q = query.trim().toLocaleLowerCase();
  const matches = (name: string) => !q || name.toLocaleLowerCase().includes(q);
  const showStaff = filter === "all" || filter === "staff";
  const showVisitors = filter !== "staff";
  const staffShown = showStaff ? state.staff.filter((s) => matches(s.name)) : [];
  const visitorsShown = showVisitors
    ? state.visitors.filter(
        (v) =>
          matches(v.name) &&
          (filter === "waiting" ? v.status === "WAITING" : filter === "withHost" ? v.status === "WITH_HOST" : true),
      )
    : [];

  const run = (fn: () => Promise<{ ok: boolean }>, success?: string) =>
    startTransition(async () => {
      const r = await fn();
      setAnnouncement(r.ok ? (success ?? "") : t("announce.error"));
    });

  const present = state.staff.length + state.visitors.length;

  return (
    <div className="stack">
      <p className="sr-only" aria-live="polite" data-testid="register-announcer">
        {announcement}
      </p>

      <p className="row" data-testid="register-counts">
        <strong data-testid="register-total">{t("counts.total", { count: present })}</strong>
        <span data-testid="register-staff-count">{t("counts.staff", { count: state.staff.length })}</span>
        <span data-testid="register-visitor-count">
          {location.capacity != null
            ? t("counts.capacity", { count: state.visitors.length, capacity: location.capacity })
            : t("counts.visitors", { count: state.visitors.length })}
        </span>
      </p>

      {data.canManage && state.unconfirmed.length > 0 && (
        <Unconfirmed
          rows={state.unconfirmed}
          dateTime={dateTime}
          pending={pending}
          onConfirm={(ids) =>
            run(async () => {
              const r = await confirmEndOfDayAction({ locationId: location.id, presenceIds: ids });
              if (r.ok)
                setState((s) => ({ ...s, unconfirmed: s.unconfirmed.filter((u) => !ids.includes(u.presenceId)) }));
              return r;
            }, t("announce.confirmed"))
          }
        />
      )}

      {data.canManage && <DeskScanner locationId={location.id} onResult={(msg) => setAnnouncement(msg)} />}

      <div className="row" style={{ alignItems: "flex-end" }}>
        <div className="field">
          <label htmlFor="register-search">{t("search.label")}</label>
          <input
            id="register-search"
            type="search"
            value={query}
            placeholder={t("search.placeholder")}
            onChange={(e) => setQuery(e.target.value)}
            data-testid="register-search"
          />
        </div>
        <fieldset className="row" style={{ border: 0, padding: 0, margin: 0 }} data-testid="register-filter">
          <legend className="sr-only">{t("filter.label")}</legend>
          {FILTERS.map((f) => (
            <button
              key={f}
              type="button"
              className={f === filter ? "btn" : "btn btn-secondary"}
              aria-pressed={f === filter}
              onClick={() => setFilter(f)}
            >
              {t(`filter.${f}`)}
            </button>
          ))}
        </fieldset>
      </div>

      {showStaff && (
        <section aria-labelledby="register-staff-heading" className="stack">
          <h2 id="register-staff-heading">{t("staff.heading")}</h2>
          {staffShown.length === 0 ? (
            <p data-testid="register-staff-empty">{state.staff.length ? t("noMatches") : t("staff.empty")}</p>
          ) : (
            <div style={{ overflowX: "auto" }}>
              <table className="table" data-testid="register-staff">
                <caption className="sr-only">{t("staff.heading")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("staff.columns.name")}</th>
                    <th scope="col">{t("staff.columns.role")}</th>
                    <th scope="col">{t("staff.columns.since")}</th>
                    <th scope="col">{t("staff.columns.method")}</th>
                    {data.canManage && <th scope="col">{t("staff.columns.actions")}</th>}
                  </tr>
                </thead>
                <tbody>
                  {staffShown.map((s) => (
                    <StaffRow
                      key={s.presenceId}
                      row={s}
                      time={time}
                      canManage={data.canManage}
                      pending={pending}
                      onSignOut={() =>
                        run(
                          () => signOutColleagueAction({ locationId: location.id, staffId: s.staffId }),
                          t("announce.signedOut", { name: s.name }),
                        )
                      }
                    />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {data.canManage && (
            <SignInColleague
              colleagues={data.colleagues.filter((c) => !state.staff.some((s) => s.staffId === c.id))}
              pending={pending}
              onSignIn={(c) =>
                run(
                  () => signInColleagueAction({ locationId: location.id, staffId: c.id }),
                  t("announce.signedIn", { name: c.name }),
                )
              }
            />
          )}
        </section>
      )}

      {showVisitors && (
        <section aria-labelledby="register-visitors-heading" className="stack">
          <h2 id="register-visitors-heading">{t("visitors.heading")}</h2>
          {visitorsShown.length === 0 ? (
            <p data-testid="register-visitors-empty">{state.visitors.length ? t("noMatches") : t("visitors.empty")}</p>
          ) : (
            <div style={{ overflowX: "auto" }}>
              <table className="table" data-testid="register-visitors">
                <caption className="sr-only">{t("visitors.heading")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("visitors.columns.name")}</th>
                    <th scope="col">{t("visitors.columns.status")}</th>
                    <th scope="col">{t("visitors.columns.host")}</th>
                    <th scope="col">{t("visitors.columns.room")}</th>
                    <th scope="col">{t("visitors.columns.checkedInAt")}</th>
                  </tr>
                </thead>
                <tbody>
                  {visitorsShown.map((v) => (
                    <tr key={v.visitId} data-testid="register-visitor-row" data-visit-id={v.visitId}>
                      <td>{v.name}</td>
                      <td>
                        <span className={v.status === "WAITING" ? "badge badge-warn" : "badge badge-ok"}>
                          {t(`status.${v.status}`)}
                        </span>
                      </td>
                      <td>{v.hostName ?? "—"}</td>
                      <td>{v.roomName ?? "—"}</td>
                      <td>{time(v.checkedInAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
    </div>
  );
}

function StaffRow({
  row,
  time,
  canManage,
  pending,
  onSignOut,
}: {
  row: RegisterStaff;
  time: (iso: string) => string;
  canManage: boolean;
  pending: boolean;
  onSignOut: () => void;
}) {
  const t = useTranslations("register");
  return (
    <tr data-testid="register-staff-row" data-staff-id={row.staffId}>
      <td>{row.name}</td>
      <td>{t(`roles.${row.role}`)}</td>
      <td>{time(row.since)}</td>
      <td>{t(`methods.${row.method}`)}</td>
      {canManage && (
        <td>
          <button
            type="button"
            className="btn btn-secondary"
            disabled={pending}
            onClick={onSignOut}
            aria-label={t("staff.signOutNamed", { name: row.name })}
            data-testid="register-sign-out"
          >
            {t("staff.signOut")}
          </button>
        </td>
      )}
    </tr>
  );
}

function SignInColleague({
  colleagues,
  pending,
  onSignIn,
}: {
  colleagues: { id: string; name: string }[];
  pending: boolean;
  onSignIn: (c: { id: string; name: string }) => void;
}) {
  const t = useTranslations("register");
  const [chosen, setChosen] = useState("");
  if (colleagues.length === 0) return null;
  const c = colleagues.find((x) => x.id === chosen);
  return (
    <form
      className="row"
      style={{ alignItems: "flex-end" }}
      onSubmit={(e) => {
        e.preventDefault();
        if (c) {
          onSignIn(c);
          setChosen("");
        }
      }}
      data-testid="register-sign-in-form"
    >
      <div className="field">
        <label htmlFor="register-sign-in-staff">{t("staff.signInHeading")}</label>
        <select id="register-sign-in-staff" value={chosen} onChange={(e) => setChosen(e.target.value)}>
          <option value="">{t("staff.choose")}</option>
          {colleagues.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="btn" disabled={pending || !c}>
        {t("staff.signIn")}
      </button>
    </form>
  );
}

function Unconfirmed({
  rows,
  dateTime,
  pending,
  onConfirm,
}: {
  rows: UnconfirmedSignOut[];
  dateTime: (iso: string) => string;
  pending: boolean;
  onConfirm: (presenceIds: string[]) => void;
}) {
  const t = useTranslations("register.unconfirmed");
  return (
    <section
      className="alert alert-warn stack"
      aria-labelledby="register-unconfirmed-heading"
      data-testid="register-unconfirmed"
    >
      <h2 id="register-unconfirmed-heading">{t("heading")}</h2>
      <p>{t("intro")}</p>
      <table className="table">
        <caption className="sr-only">{t("heading")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("columns.name")}</th>
            <th scope="col">{t("columns.signedInAt")}</th>
            <th scope="col">{t("columns.signedOutAt")}</th>
            <th scope="col">
              <span className="sr-only">{t("confirm")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.presenceId} data-testid="register-unconfirmed-row" data-staff-id={r.staffId}>
              <td>{r.name}</td>
              <td>{dateTime(r.signedInAt)}</td>
              <td>{dateTime(r.signedOutAt)}</td>
              <td>
                <button
                  type="button"
                  className="btn"
                  disabled={pending}
                  aria-label={t("confirmNamed", { name: r.name })}
                  onClick={() => onConfirm([r.presenceId])}
                  data-testid="register-confirm"
                >
                  {t("confirm")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > 1 && (
        <button
          type="button"
          className="btn btn-secondary"
          disabled={pending}
          onClick={() => onConfirm(rows.map((r) => r.presenceId))}
        >
          {t("confirmAll")}
        </button>
      )}
    </section>
  );
}

/**
 * The desk's keyboard-wedge scanner: a USB scanner types a badge code and Enter anywhere on the
 * page (the same collector as the kiosk's), or a person types it in the field. The result is
 * announced (aria-live) and shown; the code itself is never echoed back.
 */
function DeskScanner({ locationId, onResult }: { locationId: string; onResult: (message: string) => void }) {
  const t = useTranslations("register");
  const [code, setCode] = useState("");
  const [last, setLast] = useState<{ message: string; ok: boolean } | null>(null);
  const busy = useRef(false);
  const submit = async (text: string) => {
    const value = text.trim();
    if (!value || busy.current) return;
    busy.current = true;
    try {
      const r = await deskBadgeScanAction({ locationId, code: value });
      const message = !r.ok
        ? t("announce.error")
        : r.data.status === "unknown"
          ? t("announce.unknownBadge")
          : t(r.data.status === "signed-in" ? "announce.signedIn" : "announce.signedOut", { name: r.data.name ?? "" });
      setLast({ message, ok: r.ok && r.data.status !== "unknown" });
      onResult(message);
    } finally {
      busy.current = false;
    }
  };
  useKeyboardWedge((text) => void submit(text));
  return (
    <section className="card stack" aria-labelledby="register-scanner-heading" data-testid="register-scanner">
      <h2 id="register-scanner-heading">{t("scanner.heading")}</h2>
      <p className="muted">{t("scanner.hint")}</p>
      <form
        className="row"
        style={{ alignItems: "flex-end" }}
        onSubmit={(e) => {
          e.preventDefault();
          void submit(code);
          setCode("");
        }}
      >
        <div className="field">
          <label htmlFor="register-scanner-code">{t("scanner.label")}</label>
          <input
            id="register-scanner-code"
            autoComplete="off"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            data-testid="register-scanner-input"
          />
        </div>
        <button type="submit" className="btn">
          {t("scanner.submit")}
        </button>
      </form>
      {last && (
        <p
          role="status"
          className={last.ok ? "alert alert-ok" : "alert alert-warn"}
          data-testid="register-scanner-result"
        >
          {last.message}
        </p>
      )}
    </section>
  );
}
