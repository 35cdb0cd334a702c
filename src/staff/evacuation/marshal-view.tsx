"use client";
// The marshal's roll call (phones and tablets): everyone present at the start, grouped by staff /
// visitors or by room, needs-help first; tap to mark safe, needs help or not found; counts; search.
// Marks reach every marshal live (evacuation.marked over the marshals' socket room). Offline: the
// roll call lives in localStorage and a service worker (public/evacuation-sw.js) keeps the page
// and its scripts, so it opens with no network; marks are queued and sent on reconnect, each with
// its own id (idempotent). Two marshals marking the same person: the later mark wins, both are in
// the history — the same rule (roll-call-rules.ts) runs here and on the server.
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useRef, useState, useTransition } from "react";
import type { MarkInput, RollCall, RollCallMark, RollCallPerson } from "@/src/domain/evacuation/evacuations";
import { beats, countStatuses, type MarshalStatus, type PersonStatus } from "@/src/domain/evacuation/roll-call-rules";
import { unpackRollCall } from "@/src/domain/evacuation/roll-call-wire";
import { useRealtime } from "@/src/realtime/client/realtime-provider";
import { useRealtimeEvent } from "@/src/realtime/client/use-realtime-event";
import { endEvacuationAction } from "@/src/staff/evacuation/actions";
import { loadQueue, loadStored, newMarkId, saveQueue, saveStored } from "@/src/staff/evacuation/marshal-store";

const SEND_BATCH = 100;
const SKEW_KEY = "portier.evacuation.skew";
const RETRY_MS = 5_000;

const STATUS_CLASS: Record<PersonStatus, string> = {
  MISSING: "badge-off",
  SAFE: "badge-ok",
  LEFT: "badge-ok",
  NEEDS_HELP: "badge-danger",
  NOT_FOUND: "badge-warn",
};

interface Props {
  initial: RollCall;
  initialMarks: RollCallMark[];
  locale: string;
  canEnd: boolean;
}

export function MarshalView({ initial, initialMarks, locale, canEnd }: Props) {
  const t = useTranslations("evacuation.marshal");
  const format = useFormatter();
  const evacuationId = initial.evacuation.id;
  const [server, setServer] = useState<{ rollCall: RollCall; marks: RollCallMark[] }>({
    rollCall: initial,
    marks: initialMarks,
  });
  const [queue, setQueue] = useState<MarkInput[]>([]);
  const [online, setOnline] = useState(true);
  const [query, setQuery] = useState("");
  const [groupBy, setGroupBy] = useState<"kind" | "room">("kind");
  const [pending, startTransition] = useTransition();
  const queueRef = useRef(queue);
  queueRef.current = queue;
  const sending = useRef(false);
  // The server's clock minus this device's: marks carry the server's time, so a phone whose clock
  // runs behind does not lose to an older mark (last mark wins compares the times of the taps).
  const skew = useRef(0);
  const learnSkew = useCallback((serverTime: string) => {
    const t = Date.parse(serverTime);
    if (Number.isNaN(t)) return;
    skew.current = t - Date.now();
    try {
      window.localStorage.setItem(SKEW_KEY, String(skew.current));
    } catch {}
  }, []);

  // What this device knows: the newer of the page's data and the stored copy, plus its queue.
  useEffect(() => {
    const stored = loadStored(evacuationId);
    const storedSkew = Number(window.localStorage.getItem(SKEW_KEY) ?? "0") || 0;
    if (stored && stored.savedAt > initial.renderedAt) {
      // This page came from the service worker's copy: its time is old; the last known skew holds.
      skew.current = storedSkew;
      setServer({ rollCall: stored.rollCall, marks: stored.marks });
    } else {
      learnSkew(initial.renderedAt);
      saveStored(evacuationId, { rollCall: initial, marks: initialMarks, savedAt: initial.renderedAt });
    }
    setQueue(loadQueue(evacuationId));
    setOnline(navigator.onLine);
  }, [evacuationId, initial, initialMarks, learnSkew]);

  // A state read from the server may be older than a live mark that arrived meanwhile: merge,
  // person by person by the same last-mark-wins rule, and keep every mark seen.
  const store = useCallback(
    (fetched: { rollCall: RollCall; marks: RollCallMark[] }) => {
      setServer((prev) => {
        const mine = new Map(prev.rollCall.people.map((p) => [p.id, p]));
        const decider = (p: RollCallPerson) =>
          p.statusMarkId && p.statusAt ? { id: p.statusMarkId, markedAt: Date.parse(p.statusAt) } : null;
        const people = fetched.rollCall.people.map((p) => {
          const m = mine.get(p.id);
          const md = m ? decider(m) : null;
          return m && md && beats(md, decider(p)) ? m : p;
        });
        const known = new Set(fetched.marks.map((m) => m.id));
        const next = {
          rollCall: {
            ...fetched.rollCall,
            evacuation: prev.rollCall.evacuation.endedAt ? prev.rollCall.evacuation : fetched.rollCall.evacuation,
            people,
          },
          marks: [...fetched.marks, ...prev.marks.filter((m) => !known.has(m.id))],
        };
        saveStored(evacuationId, { ...next, savedAt: new Date().toISOString() });
        return next;
      });
    },
    [evacuationId],
  );

  const reload = useCallback(async () => {
    try {
      const res = await fetch(`/api/evacuations/${evacuationId}`, { cache: "no-store" });
      if (!res.ok) return;
      const body = (await res.json()) as { rollCall: RollCall; marks: RollCallMark[] };
      learnSkew(body.rollCall.renderedAt);
      store(body);
    } catch {
      // offline: keep what we have
    }
  }, [evacuationId, store, learnSkew]);

  const reloadRef = useRef(reload);
  reloadRef.current = reload;
  const flush = useCallback(async () => {
    if (sending.current || queueRef.current.length === 0) return;
    sending.current = true;
    let sentAny = false;
    try {
      while (queueRef.current.length > 0) {
        const batch = queueRef.current.slice(0, SEND_BATCH);
        let res: Response;
        try {
          res = await fetch(`/api/evacuations/${evacuationId}/marks`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ marks: batch }),
            cache: "no-store",
          });
        } catch {
          setOnline(false);
          return;
        }
        if (res.status >= 500 || res.status === 429 || res.status === 401) return;
        // Sent (or refused for good, e.g. a person not on this roll call): off the queue.
        const sent = new Set(batch.map((m) => m.id));
        const rest = queueRef.current.filter((m) => !sent.has(m.id));
        queueRef.current = rest;
        setQueue(rest);
        saveQueue(evacuationId, rest);
        setOnline(true);
        sentAny = true;
      }
    } finally {
      sending.current = false;
      // The socket may have missed our own marks' echo while it reconnected: read the state once.
      if (sentAny) void reloadRef.current();
    }
  }, [evacuationId]);

  // Send on reconnect, when the browser says it is online again, and every few seconds while marks wait.
  const { state: connection } = useRealtime();
  useEffect(() => {
    if (connection === "connected") {
      void flush().then(reload);
    }
  }, [connection, flush, reload]);
  useEffect(() => {
    const up = () => {
      setOnline(true);
      void flush();
    };
    const down = () => setOnline(false);
    window.addEventListener("online", up);
    window.addEventListener("offline", down);
    const timer = setInterval(() => void flush(), RETRY_MS);
    return () => {
      window.removeEventListener("online", up);
      window.removeEventListener("offline", down);
      clearInterval(timer);
    };
  }, [flush]);

  useRealtimeEvent("evacuation.marked", (p) => {
    if (p.evacuationId !== evacuationId) return;
    setServer((prev) => {
      const byId = new Map(p.people.map((x) => [x.id, x]));
      const known = new Set(prev.marks.map((m) => m.id));
      const next = {
        rollCall: {
          ...prev.rollCall,
          evacuation: { ...prev.rollCall.evacuation, allAccountedAt: p.allAccountedAt },
          people: prev.rollCall.people.map((x) => {
            const u = byId.get(x.id);
            // Last mark wins here too: an older update arriving late never undoes a newer one.
            if (!u || !u.statusMarkId || !u.statusAt) return x;
            const mine = x.statusMarkId && x.statusAt ? { id: x.statusMarkId, markedAt: Date.parse(x.statusAt) } : null;
            return beats({ id: u.statusMarkId, markedAt: Date.parse(u.statusAt) }, mine) ? u : x;
          }),
        },
        marks: [...prev.marks, ...p.marks.filter((m) => !known.has(m.id))],
      };
      saveStored(evacuationId, { ...next, savedAt: new Date().toISOString() });
      return next;
    });
  });
  useRealtimeEvent("evacuation.ended", (e) => {
    if (e.id !== evacuationId) return;
    setServer((prev) => ({ ...prev, rollCall: { ...prev.rollCall, evacuation: e } }));
  });
  useRealtimeEvent("evacuation.started", (w) => {
    if (w.evacuation.id !== evacuationId) return;
    const next = { rollCall: unpackRollCall(w), marks: [] };
    setServer(next);
    saveStored(evacuationId, { ...next, savedAt: new Date().toISOString() });
  });

  // The service worker keeps this page, its scripts and the printable roll call for offline use.
  // Its scope also covers the evacuation list (no trailing slash), where a marshal usually arrives.
  useEffect(() => {
    if (!("serviceWorker" in navigator)) return;
    const scope = `/${locale}/staff/evacuation`;
    navigator.serviceWorker
      .register("/evacuation-sw.js", { scope })
      .then(async (reg) => {
        const worker = reg.active ?? reg.waiting ?? reg.installing;
        if (!worker) return;
        if (worker.state !== "activated")
          await new Promise<void>((resolve) =>
            worker.addEventListener("statechange", () => worker.state === "activated" && resolve()),
          );
        const assets = performance
          .getEntriesByType("resource")
          .map((e) => e.name)
          .filter((u) => new URL(u).origin === location.origin && new URL(u).pathname.startsWith("/_next/static/"));
        worker.postMessage({
          type: "keep",
          urls: [location.href, ...assets, `/api/evacuations/${evacuationId}/roll-call?lang=${locale}`],
        });
      })
      .catch((err) => console.warn("[evacuation] service worker:", err));
  }, [evacuationId, locale]);

  // The people as this device shows them: the server's state with this device's queued marks on top.
  const people = useMemo(() => {
    const queued = new Map<string, MarkInput>();
    for (const m of queue) {
      const prev = queued.get(m.personId);
      if (
        !prev ||
        beats({ id: m.id, markedAt: Date.parse(m.markedAt) }, { id: prev.id, markedAt: Date.parse(prev.markedAt) })
      )
        queued.set(m.personId, m);
    }
    return server.rollCall.people.map((p): RollCallPerson & { queued: boolean } => {
      const q = queued.get(p.id);
      const current = p.statusMarkId && p.statusAt ? { id: p.statusMarkId, markedAt: Date.parse(p.statusAt) } : null;
      if (q && beats({ id: q.id, markedAt: Date.parse(q.markedAt) }, current))
        return { ...p, status: q.status, statusAt: q.markedAt, statusMarkId: q.id, queued: true };
      return { ...p, queued: false };
    });
  }, [server, queue]);

  const counts = useMemo(() => countStatuses(people.map((p) => p.status)), [people]);
  const visible = useMemo(() => {
    const q = query.trim().toLocaleLowerCase("nl");
    return q ? people.filter((p) => p.name.toLocaleLowerCase("nl").includes(q)) : people;
  }, [people, query]);
  const groups = useMemo(() => {
    const out = new Map<string, typeof visible>();
    for (const p of visible) {
      const k = groupBy === "kind" ? p.kind : (p.roomName ?? "");
      out.set(k, [...(out.get(k) ?? []), p]);
    }
    const keys = [...out.keys()].sort((a, b) =>
      groupBy === "kind" ? (a === "STAFF" ? -1 : 1) : a === "" ? 1 : b === "" ? -1 : a.localeCompare(b, "nl"),
    );
    return keys.map((k) => ({ key: k, people: out.get(k) ?? [] }));
  }, [visible, groupBy]);

  const mark = (personId: string, status: MarshalStatus) => {
    const m: MarkInput = {
      id: newMarkId(),
      personId,
      status,
      markedAt: new Date(Date.now() + skew.current).toISOString(),
    };
    const next = [...queueRef.current, m];
    queueRef.current = next;
    setQueue(next);
    saveQueue(evacuationId, next);
    void flush();
  };

  const e = server.rollCall.evacuation;
  const ended = !!e.endedAt;
  const nameOf = new Map(server.rollCall.people.map((p) => [p.id, p.name]));
  const time = (iso: string) => format.dateTime(new Date(iso), { timeStyle: "medium" });
  const groupTitle = (k: string) =>
    groupBy === "kind" ? (k === "STAFF" ? t("staff") : t("visitors")) : k || t("noRoom");

  return (
    <div className="stack" data-testid="marshal" data-evacuation={evacuationId}>
      <div className={`alert ${e.drill ? "alert-warn" : "alert-error"}`}>
        <strong>{e.drill ? t("drill") : t("real")}</strong> — {e.locationName} ·{" "}
        {t("startedAt", { time: time(e.startedAt) })}
        {ended && <div data-testid="marshal-ended">{t("ended")}</div>}
      </div>
      <div
        className="row"
        role="status"
        aria-live="polite"
        data-testid="marshal-counts"
        data-accounted={counts.accounted}
        data-missing={counts.missing}
      >
        <span className="badge badge-ok">
          {t("accounted")}: {counts.accounted}
        </span>
        <span className="badge badge-danger">
          {t("missing")}: {counts.missing}
        </span>
        <span className="badge badge-warn">
          {t("needsHelpCount")}: {counts.needsHelp}
        </span>
        <span className="badge badge-off">
          {t("total")}: {counts.total}
        </span>
        {counts.missing === 0 && <strong>{t("allAccounted")}</strong>}
      </div>
      {(!online || queue.length > 0 || connection !== "connected") && (
        <p className="alert alert-warn" data-testid="marshal-offline" data-queued={queue.length}>
          {!online || connection !== "connected" ? `${t("offline")} ` : ""}
          {queue.length > 0 ? t("queued", { count: queue.length }) : t("synced")}
        </p>
      )}
      <div className="row">
        <div className="field" style={{ flex: 1, minWidth: "12rem" }}>
          <label htmlFor="marshal-search">{t("search")}</label>
          <input
            id="marshal-search"
            type="search"
            value={query}
            onChange={(ev) => setQuery(ev.target.value)}
            data-testid="marshal-search"
          />
        </div>
        <fieldset className="row" style={{ border: 0, padding: 0, margin: 0 }}>
          <legend className="sr-only">{t("groupBy")}</legend>
          <button
            type="button"
            className={`btn ${groupBy === "kind" ? "" : "btn-secondary"}`}
            aria-pressed={groupBy === "kind"}
            onClick={() => setGroupBy("kind")}
          >
            {t("byKind")}
          </button>
          <button
            type="button"
            className={`btn ${groupBy === "room" ? "" : "btn-secondary"}`}
            aria-pressed={groupBy === "room"}
            onClick={() => setGroupBy("room")}
            data-testid="marshal-by-room"
          >
            {t("byRoom")}
          </button>
        </fieldset>
      </div>
      {visible.length === 0 && <p className="muted">{t("nobody")}</p>}
      {groups.map((g) => (
        <section key={g.key} aria-label={groupTitle(g.key)}>
          <h2>
            {groupTitle(g.key)} ({g.people.length})
          </h2>
          <ul style={{ listStyle: "none", padding: 0, margin: 0 }} className="stack">
            {g.people.map((p) => (
              <li
                key={p.id}
                className="card"
                data-testid="marshal-person"
                data-name={p.name}
                data-status={p.status}
                data-queued={p.queued}
                style={{ padding: "0.75rem", borderLeft: p.needsHelp ? "6px solid var(--danger)" : undefined }}
              >
                <div className="row" style={{ justifyContent: "space-between" }}>
                  <div>
                    <strong>{p.name}</strong>{" "}
                    <span className="muted">
                      {p.kind === "STAFF" ? t("staff") : t("visitors")}
                      {groupBy === "kind" && p.roomName ? ` · ${p.roomName}` : ""}
                    </span>
                    {p.needsHelp && (
                      <div>
                        <span className="badge badge-danger" data-testid="marshal-needs-help">
                          {t("needsHelp")}
                        </span>
                      </div>
                    )}
                  </div>
                  <span className={`badge ${STATUS_CLASS[p.status]}`} data-testid="marshal-status">
                    {t(`status.${p.status}`)}
                  </span>
                </div>
                <div className="row" style={{ marginTop: "0.5rem" }}>
                  {(
                    [
                      ["SAFE", t("markSafe")],
                      ["NEEDS_HELP", t("markHelp")],
                      ["NOT_FOUND", t("markNotFound")],
                    ] as const
                  ).map(([status, label]) => (
                    <button
                      key={status}
                      type="button"
                      className={`btn ${p.status === status ? (status === "SAFE" ? "" : "btn-danger") : "btn-secondary"}`}
                      aria-pressed={p.status === status}
                      aria-label={`${label}: ${p.name}`}
                      data-testid={`mark-${status}`}
                      onClick={() => mark(p.id, status)}
                    >
                      {label}
                    </button>
                  ))}
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <div className="row">
        <a
          className="btn btn-secondary"
          href={`/api/evacuations/${evacuationId}/roll-call?lang=${locale}`}
          data-testid="marshal-pdf"
        >
          {t("printRollCall")}
        </a>
        <a className="btn btn-secondary" href={`/api/evacuations/${evacuationId}/summary?format=pdf&lang=${locale}`}>
          {t("summaryPdf")}
        </a>
        <a className="btn btn-secondary" href={`/api/evacuations/${evacuationId}/summary?format=csv`}>
          {t("summaryCsv")}
        </a>
        {canEnd && !ended && (
          <button
            type="button"
            className="btn btn-danger"
            disabled={pending}
            data-testid="marshal-end"
            onClick={() =>
              startTransition(async () => {
                if (!window.confirm(t("endConfirm"))) return;
                const r = await endEvacuationAction(evacuationId);
                if (r.ok) await reload();
              })
            }
          >
            {t("end")}
          </button>
        )}
      </div>
      <details>
        <summary style={{ minHeight: 44, display: "flex", alignItems: "center" }}>{t("history")}</summary>
        <ol data-testid="marshal-history">
          {[...server.marks].reverse().map((m) => (
            <li key={m.id}>
              {time(m.markedAt)} — {nameOf.get(m.personId) ?? "?"}: {t(`status.${m.status}`)}
              {m.byName ? ` (${t("by", { name: m.byName })})` : ""}
            </li>
          ))}
        </ol>
      </details>
    </div>
  );
}
