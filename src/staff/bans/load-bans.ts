// Data for the ban list page (server only; the page has checked `bans.view`).
import { canSeeLocation } from "@/src/domain/access/permissions";
import { EXPIRING_SOON_DAYS, listBans } from "@/src/domain/bans/manage-bans";
import { domain } from "@/src/server/runtime";
import type { BanFilterOption } from "@/src/staff/bans/schemas";
import type { StaffActor } from "@/src/staff/shell/require-staff";

export type BanStatus = "active" | "expiring" | "upcoming" | "expired" | "ended";
export type BanRow = Awaited<ReturnType<typeof listBans>>[number] & { status: BanStatus };

const DAY = 24 * 60 * 60 * 1000;

export async function loadBans(actor: StaffActor, filter: BanFilterOption) {
  const ctx = await domain();
  const now = ctx.clock.now();
  const soon = now.getTime() + EXPIRING_SOON_DAYS * DAY;
  const rows = await listBans(ctx, actor, filter);
  const bans: BanRow[] = rows.map((b) => {
    const status: BanStatus = b.ended
      ? "ended"
      : new Date(b.endsAt) <= now
        ? "expired"
        : new Date(b.startsAt) > now
          ? "upcoming"
          : new Date(b.endsAt).getTime() <= soon
            ? "expiring"
            : "active";
    return { ...b, status };
  });
  return { bans, now: now.toISOString() };
}

/** The display name of a ban the actor may see (for "created" / "ended" messages), else null. */
export async function banName(actor: StaffActor, id: string | string[] | undefined): Promise<string | null> {
  if (typeof id !== "string" || !id) return null;
  const ctx = await domain();
  const ban = await ctx.db.ban.findUnique({ where: { id }, select: { displayName: true, locationId: true } });
  return ban && canSeeLocation(actor, ban.locationId) ? ban.displayName : null;
}
