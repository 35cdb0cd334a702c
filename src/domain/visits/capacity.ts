// Capacity of walk-in locations: when the open visits plus the places held for called queue
// numbers reach the capacity, newcomers get a queue number; each departure calls the next one.
import type { Db, DomainContext, Tx } from "@/src/domain/db";
import { localDay } from "@/src/domain/local-day";
import { scheduleJob } from "@/src/domain/scheduler/jobs";

/** A called number keeps its place this long before the next number is called. */
export const CALLED_TICKET_TTL_MS = 10 * 60 * 1000;
export const OPEN_VISIT = { in: ["WAITING", "WITH_HOST"] as ("WAITING" | "WITH_HOST")[] };

export interface CapacityInput {
  capacity: number | null;
  openVisits: number;
  calledTickets: number;
}

/** Pure rule: is there room for one more (not holding a called number)? */
export const hasRoom = (c: CapacityInput) => c.capacity == null || c.openVisits + c.calledTickets < c.capacity;

/** Pure rule: how many waiting numbers can be called now. */
export const callableCount = (c: CapacityInput) =>
  c.capacity == null ? Number.POSITIVE_INFINITY : Math.max(0, c.capacity - c.openVisits - c.calledTickets);

export async function capacityState(db: Db | Tx, locationId: string): Promise<CapacityInput> {
  const [location, openVisits, calledTickets] = await Promise.all([
    db.location.findUniqueOrThrow({ where: { id: locationId }, select: { capacity: true } }),
    db.visit.count({ where: { locationId, status: OPEN_VISIT } }),
    db.queueTicket.count({ where: { locationId, status: "CALLED" } }),
  ]);
  return { capacity: location.capacity, openVisits, calledTickets };
}

/**
 * How many waiting numbers are called before this one: the queue is served in (day, number)
 * order, so numbers still waiting from before midnight (a night shelter) are ahead too.
 */
export async function ticketsAhead(db: Db | Tx, ticket: { locationId: string; day: string; number: number }) {
  return db.queueTicket.count({
    where: {
      locationId: ticket.locationId,
      status: "WAITING",
      OR: [{ day: { lt: ticket.day } }, { day: ticket.day, number: { lt: ticket.number } }],
    },
  });
}

export async function issueQueueTicket(tx: Tx, locationId: string, timeZone: string, now: Date) {
  const day = localDay(now, timeZone);
  const last = await tx.queueTicket.findFirst({
    where: { locationId, day },
    orderBy: { number: "desc" },
    select: { number: true },
  });
  const ticket = await tx.queueTicket.create({
    data: { locationId, day, number: (last?.number ?? 0) + 1, createdAt: now },
  });
  return { ticket, ahead: await ticketsAhead(tx, ticket) };
}

/**
 * A called ticket with this number, whose holder may now check in. Not limited to today: a number
 * drawn before midnight and called after it still holds its place (called tickets expire anyway).
 */
export async function calledTicket(db: Db | Tx, locationId: string, number: number) {
  return db.queueTicket.findFirst({ where: { locationId, number, status: "CALLED" }, orderBy: { calledAt: "asc" } });
}

/** The still-waiting ticket with this number (the newest if the number was drawn on two days). */
export async function waitingTicket(db: Db | Tx, locationId: string, number: number) {
  return db.queueTicket.findFirst({ where: { locationId, number, status: "WAITING" }, orderBy: { day: "desc" } });
}

/** Calls as many waiting numbers as there is room for; publishes the queue when anything changed. */
export async function callNextTickets(ctx: DomainContext, locationId: string): Promise<number[]> {
  const now = ctx.clock.now();
  const called = await ctx.db.$transaction(async (tx) => {
    const room = callableCount(await capacityState(tx, locationId));
    if (room <= 0) return [];
    const next = await tx.queueTicket.findMany({
      where: { locationId, status: "WAITING" },
      orderBy: [{ day: "asc" }, { number: "asc" }],
      take: Number.isFinite(room) ? room : 100,
    });
    for (const t of next) {
      await tx.queueTicket.update({ where: { id: t.id }, data: { status: "CALLED", calledAt: now } });
      await scheduleJob(tx, {
        kind: "queue.called_expiry",
        key: `queue-called:${t.id}`,
        dueAt: new Date(now.getTime() + CALLED_TICKET_TTL_MS),
        payload: { ticketId: t.id },
      });
    }
    return next.map((t) => t.number);
  });
  if (called.length) await publishQueue(ctx, locationId);
  return called;
}

/** Scheduler job: a called number that did not come in loses its place; the next is called. */
export async function expireCalledTicket(ctx: DomainContext, ticketId: string) {
  const t = await ctx.db.queueTicket.findUnique({ where: { id: ticketId } });
  if (!t || t.status !== "CALLED") return;
  await ctx.db.queueTicket.update({ where: { id: ticketId }, data: { status: "EXPIRED", closedAt: ctx.clock.now() } });
  await publishQueue(ctx, t.locationId);
  await callNextTickets(ctx, t.locationId);
}

export async function queueView(db: Db | Tx, locationId: string) {
  const tickets = await db.queueTicket.findMany({
    where: { locationId, status: { in: ["WAITING", "CALLED"] } },
    orderBy: [{ day: "asc" }, { number: "asc" }],
    select: { id: true, number: true, status: true, createdAt: true, calledAt: true },
  });
  return {
    waiting: tickets
      .filter((t) => t.status === "WAITING")
      .map((t) => ({ id: t.id, number: t.number, since: t.createdAt.toISOString() })),
    called: tickets
      .filter((t) => t.status === "CALLED")
      .map((t) => ({ id: t.id, number: t.number, since: t.calledAt!.toISOString() })),
  };
}

export async function publishQueue(ctx: DomainContext, locationId: string) {
  ctx.events.publish("queue.changed", { locationId, ...(await queueView(ctx.db, locationId)) });
}
