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
  pages: {
    select: {
      staffId: true,
      round: true,
      pagedAt: true,
      deliveredAt: true,
      seenAt: true,
      respondedAt: true,
      response: true,
      staff: { select: { name: true } },
    },
  },
} satisfies Prisma.AlarmInclude;

type AlarmRow = Prisma.AlarmGetPayload<{ include: typeof viewInclude }>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);
/** One collator for every sort by name (String#localeCompare builds one per call: slow for 200 names). */
const byName = new Intl.Collator("nl").compare;

export function toAlarmView(a: AlarmRow): AlarmView {
  const responders = a.pages
    .map(
      (p): AlarmResponderView => ({
        staffId: p.staffId,
        name: p.staff.name,
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
      staff: { name: pages.names.get(staffId) ?? "" },
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
  return a ? toAlarmView(a) : null;
}

/** Several alarms at once, newest first. */
export async function loadAlarmViews(db: Db | Tx, where: Prisma.AlarmWhereInput, take?: number): Promise<AlarmView[]> {
  const rows = await db.alarm.findMany({ where, include: viewInclude, orderBy: { raisedAt: "desc" }, take });
  return rows.map(toAlarmView);
}
