// The attendance register (aanwezigheidsregister) of one location: the staff signed in, the
// visitors present (open visits: waiting or with their host), the counts against capacity, and
// the end-of-day sign-outs the desk has not confirmed yet. In a fire this is the answer to "who is
// in the building?", so it must load fast with a full building (1,000 people): four queries in
// parallel, each selecting only the columns shown. A visit's purpose is never part of it.
import type { Actor } from "@/src/domain/access/actor";
import { can, canSeeLocation } from "@/src/domain/access/permissions";
import type { DomainContext } from "@/src/domain/db";
import { AppError } from "@/src/domain/errors";
import { OPEN_VISIT } from "@/src/domain/visits/capacity";
import { displayName } from "@/src/domain/visits/visit-summary";
import type { PresenceMethod, Role } from "@/src/generated/prisma/enums";

export interface RegisterStaff {
  presenceId: string;
  staffId: string;
  name: string;
  role: Role;
  since: string;
  method: PresenceMethod;
}

export interface RegisterVisitor {
  visitId: string;
  name: string;
  status: "WAITING" | "WITH_HOST";
  hostId: string | null;
  hostName: string | null;
  roomId: string | null;
  roomName: string | null;
  checkedInAt: string;
}

export interface UnconfirmedSignOut {
  presenceId: string;
  staffId: string;
  name: string;
  signedInAt: string;
  signedOutAt: string;
}

export interface Register {
  location: { id: string; name: string; capacity: number | null; timeZone: string; closesAt: string };
  staff: RegisterStaff[];
  visitors: RegisterVisitor[];
  /** End-of-day sign-outs still to be confirmed by the desk (oldest first). */
  unconfirmed: UnconfirmedSignOut[];
  /** Names for the ids live events carry (hosts and rooms of this location). */
  hosts: Record<string, string>;
  rooms: Record<string, string>;
  /** Server time of this snapshot. */
  renderedAt: string;
}

/** At most this many unconfirmed sign-outs are listed (a desk that never confirms must not slow the page). */
const UNCONFIRMED_LIMIT = 200;

export async function loadRegister(ctx: DomainContext, actor: Actor, locationId: string): Promise<Register> {
  if (!can(actor, "register.view") || !canSeeLocation(actor, locationId)) throw new AppError("FORBIDDEN");
  const now = ctx.clock.now();
  const [location, presence, visits, unconfirmed, hosts] = await Promise.all([
    ctx.db.location.findUnique({
      where: { id: locationId },
      select: {
        id: true,
        name: true,
        capacity: true,
        timeZone: true,
        closesAt: true,
        rooms: { select: { id: true, name: true } },
      },
    }),
    ctx.db.staffPresence.findMany({
      where: { locationId, signedOutAt: null },
      orderBy: { signedInAt: "asc" },
      select: {
        id: true,
        staffId: true,
        signedInAt: true,
        signedInBy: true,
        staff: { select: { name: true, role: true } },
      },
    }),
    ctx.db.visit.findMany({
      where: { locationId, status: OPEN_VISIT },
      orderBy: { checkedInAt: "asc" },
      select: {
        id: true,
        status: true,
        checkedInAt: true,
        hostId: true,
        roomId: true,
        visitor: { select: { firstName: true, lastName: true } },
      },
    }),
    ctx.db.staffPresence.findMany({
      where: { locationId, signedOutBy: "END_OF_DAY", confirmedAt: null },
      orderBy: { signedOutAt: "asc" },
      take: UNCONFIRMED_LIMIT,
      select: { id: true, staffId: true, signedInAt: true, signedOutAt: true, staff: { select: { name: true } } },
    }),
    // Host names come from one small query instead of a join per visit: the hosts are few.
    ctx.db.staffMember.findMany({
      where: { OR: [{ locations: { some: { locationId } } }, { role: "ADMIN" }] },
      select: { id: true, name: true },
    }),
  ]);
  if (!location) throw new AppError("NOT_FOUND");
  const hostNames: Record<string, string> = Object.fromEntries(hosts.map((h) => [h.id, h.name]));
  const roomNames: Record<string, string> = Object.fromEntries(location.rooms.map((r) => [r.id, r.name]));
  // A host from another location (rare): fetch the few missing names.
  const missing = [...new Set(visits.map((v) => v.hostId).filter((id): id is string => !!id && !hostNames[id]))];
  if (missing.length > 0) {
    for (const s of await ctx.db.staffMember.findMany({
      where: { id: { in: missing } },
      select: { id: true, name: true },
    }))
      hostNames[s.id] = s.name;
  }
  return {
    location: {
      id: location.id,
      name: location.name,
      capacity: location.capacity,
      timeZone: location.timeZone,
      closesAt: location.closesAt,
    },
    staff: presence.map((p) => ({
      presenceId: p.id,
      staffId: p.staffId,
      name: p.staff.name,
      role: p.staff.role,
      since: p.signedInAt.toISOString(),
      method: p.signedInBy,
    })),
    visitors: visits.map((v) => ({
      visitId: v.id,
      name: displayName(v.visitor),
      status: v.status as RegisterVisitor["status"],
      hostId: v.hostId,
      hostName: v.hostId ? (hostNames[v.hostId] ?? null) : null,
      roomId: v.roomId,
      roomName: v.roomId ? (roomNames[v.roomId] ?? null) : null,
      checkedInAt: v.checkedInAt.toISOString(),
    })),
    unconfirmed: unconfirmed.map((p) => ({
      presenceId: p.id,
      staffId: p.staffId,
      name: p.staff.name,
      signedInAt: p.signedInAt.toISOString(),
      signedOutAt: (p.signedOutAt as Date).toISOString(),
    })),
    hosts: hostNames,
    rooms: roomNames,
    renderedAt: now.toISOString(),
  };
}

/** Staff who may be signed in here with one tap by the desk (the location's active staff). */
export async function loadLocationStaff(
  ctx: DomainContext,
  actor: Actor,
  locationId: string,
): Promise<{ id: string; name: string }[]> {
  if (!can(actor, "presence.manage") || !canSeeLocation(actor, locationId)) return [];
  return ctx.db.staffMember.findMany({
    where: { active: true, locations: { some: { locationId } } },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}
