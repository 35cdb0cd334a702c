// What every screen sees of an alarm: the room tablet that raised it, the pagers, the desk.
import type { Db, Tx } from "@/src/domain/db";
import type { Prisma } from "@/src/generated/prisma/client";
import type { AlarmLevel, AlarmOutcome, AlarmSource, AlarmStatus } from "@/src/generated/prisma/enums";

export type AlarmResponse = "COMING" | "CANT";

export interface AlarmResponderView {
  staffId: string;
  name: string;
  /** The escalation step that paged this responder (0 first page, 1 all present staff). */
  round: number;
  pagedAt: string;
  deliveredAt: string | null;
  seenAt: string | null;
  respondedAt: string | null;
  response: AlarmResponse | null;
}

export interface AlarmView {
  id: string;
  locationId: string;
  locationName: string;
  roomId: string | null;
  roomName: string | null;
  floor: string | null;
  level: AlarmLevel;
  source: AlarmSource;
  status: AlarmStatus;
  test: boolean;
  /** The room tablet that raised it (it alone sees the cancel window); null for buttons, risk checks, tests. */
  deviceId: string | null;
  raisedAt: string;
  confirmAt: string;
  openedAt: string | null;
  escalation: number;
  closedAt: string | null;
  outcome: AlarmOutcome | null;
  responders: AlarmResponderView[];
}

const viewInclude = {
  location: { select: { name: true } },
  room: { select: { name: true, floor: true } },
} satisfies Prisma.AlarmInclude;

const pageSelect = {
  alarmId: true,
  staffId: true,
  round: true,
  pagedAt: true,
  deliveredAt: true,
  seenAt: true,
  respondedAt: true,
  response: true,
} satisfies Prisma.AlarmPageSelect;

type PageRow = Omit<Prisma.AlarmPageGetPayload<{ select: typeof pageSelect }>, "alarmId">;
/** An alarm with its location and room, and its pages with each responder's name. */
type AlarmRow = Prisma.AlarmGetPayload<{ include: typeof viewInclude }> & { pages: (PageRow & { name: string })[] };

const iso = (d: Date | null) => (d ? d.toISOString() : null);
/** One collator for every sort by name (String#localeCompare builds one per call: slow for 200 names). */
const byName = new Intl.Collator("nl").compare;

export function toAlarmView(a: AlarmRow): AlarmView {
  const responders = a.pages
    .map(
      (p): AlarmResponderView => ({
        staffId: p.staffId,
        name: p.name,
        round: p.round,
        pagedAt: p.pagedAt.toISOString(),
        deliveredAt: iso(p.deliveredAt),
        seenAt: iso(p.seenAt),
        respondedAt: iso(p.respondedAt),
        response: p.response === "COMING" || p.response === "CANT" ? p.response : null,
      }),
    )
    .sort((x, y) => x.round - y.round || byName(x.name, y.name) || (x.staffId < y.staffId ? -1 : 1));
  return {
    id: a.id,
    locationId: a.locationId,
    locationName: a.location.name,
    roomId: a.roomId,
    roomName: a.room?.name ?? null,
    floor: a.room?.floor ?? null,
    level: a.level,
    source: a.source,
    status: a.status,
    test: a.test,
    deviceId: a.deviceId,
    raisedAt: a.raisedAt.toISOString(),
    confirmAt: a.confirmAt.toISOString(),
    openedAt: iso(a.openedAt),
    escalation: a.escalation,
    closedAt: iso(a.closedAt),
    outcome: a.outcome,
    responders,
  };
}

/**
 * The view of an alarm its own transaction has just opened, from what that transaction wrote:
 * what `loadAlarmView` would read after the commit, without reading it (the pages go out sooner).
 */
export function openedAlarmView(
  alarm: Prisma.AlarmGetPayload<object>,
  location: { name: string },
  room: { name: string; floor: string | null } | null,
  pages: { staffIds: string[]; names: ReadonlyMap<string, string> },
  now: Date,
): AlarmView {
  return toAlarmView({
    ...alarm,
    status: "OPEN",
    openedAt: now,
    location: { name: location.name },
    room,
    pages: pages.staffIds.map((staffId) => ({
      staffId,
      name: pages.names.get(staffId) ?? "",
      round: 0,
      pagedAt: now,
      deliveredAt: null,
      seenAt: null,
      respondedAt: null,
      response: null,
    })),
  });
}

export async function loadAlarmView(db: Db | Tx, alarmId: string): Promise<AlarmView | null> {
  const a = await db.alarm.findUnique({ where: { id: alarmId }, include: viewInclude });
  return a ? (await withPages(db, [a]))[0] : null;
}

/** Several alarms at once, newest first. */
export async function loadAlarmViews(db: Db | Tx, where: Prisma.AlarmWhereInput, take?: number): Promise<AlarmView[]> {
  const rows = await db.alarm.findMany({ where, include: viewInclude, orderBy: { raisedAt: "desc" }, take });
  return withPages(db, rows);
}

/** The alarms' views: their pages and the responders' names (AlarmPage has no relations: see the schema). */
async function withPages(db: Db | Tx, alarms: Prisma.AlarmGetPayload<{ include: typeof viewInclude }>[]) {
  if (!alarms.length) return [];
  const pages = await db.alarmPage.findMany({
    where: { alarmId: { in: alarms.map((a) => a.id) } },
    select: pageSelect,
  });
  const staff = pages.length
    ? await db.staffMember.findMany({
        where: { id: { in: [...new Set(pages.map((p) => p.staffId))] } },
        select: { id: true, name: true },
      })
    : [];
  const names = new Map(staff.map((s) => [s.id, s.name]));
  const byAlarm = new Map<string, AlarmRow["pages"]>(alarms.map((a) => [a.id, []]));
  for (const { alarmId, ...page } of pages)
    byAlarm.get(alarmId)?.push({ ...page, name: names.get(page.staffId) ?? "" });
  return alarms.map((a) => toAlarmView({ ...a, pages: byAlarm.get(a.id) ?? [] }));
}
