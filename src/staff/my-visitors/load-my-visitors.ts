// Data for "Mijn bezoekers" (server only; the page has checked `visits.host`).
import type { Actor } from "@/src/domain/access/actor";
import { type HostedVisits, hostedVisits } from "@/src/domain/visits/hosted-visits";
import { domain } from "@/src/server/runtime";

export type MyVisitorsData = HostedVisits & { renderedAt: string };

export async function loadMyVisitors(actor: Actor & { type: "STAFF" }): Promise<MyVisitorsData> {
  const ctx = await domain();
  const data = await hostedVisits(ctx.db, actor);
  return { ...data, renderedAt: ctx.clock.now().toISOString() };
}
