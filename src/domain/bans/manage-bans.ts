// Bans (lokaalverbod / pandverbod) as staff create, end and review them. A ban always has an end
// date and a review date (Dutch data-protection rules); who decided is recorded.
import type { Actor } from "@/src/domain/access/actor";
import { canSeeLocation } from "@/src/domain/access/permissions";
import { recordAudit } from "@/src/domain/audit/record-audit";
import { isBanActive, nameKey } from "@/src/domain/bans/ban-match";
import type { DomainContext } from "@/src/domain/db";
import { AppError } from "@/src/domain/errors";
import type { BanReason, BanScope } from "@/src/generated/prisma/enums";

/** The longest ban Portier accepts without a new decision. */
export const MAX_BAN_DAYS = 366;
export const EXPIRING_SOON_DAYS = 14;
const DAY = 24 * 60 * 60 * 1000;

export interface NewBan {
  locationId: string;
  scope: BanScope;
  reasonCategory: BanReason;
  startsAt: Date;
  endsAt: Date;
  reviewAt: Date;
  contactName: string;
  contactPhone?: string | null;
  notes?: string | null;
  /** Who is banned: a known visitor (their pass and document hash are used), or name + date of birth. */
  visitorId?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  dateOfBirth?: string | null;
}

export function validateBanDates(b: Pick<NewBan, "startsAt" | "endsAt" | "reviewAt">): Record<string, string[]> | null {
  const errors: Record<string, string[]> = {};
  const invalid = (d: Date) => !(d instanceof Date) || Number.isNaN(d.getTime());
  if (invalid(b.startsAt)) errors.startsAt = ["invalid"];
  if (invalid(b.endsAt)) errors.endsAt = ["invalid"];
  if (invalid(b.reviewAt)) errors.reviewAt = ["invalid"];
  if (Object.keys(errors).length) return errors;
  if (b.endsAt <= b.startsAt) errors.endsAt = ["before_start"];
  else if (b.endsAt.getTime() - b.startsAt.getTime() > MAX_BAN_DAYS * DAY) errors.endsAt = ["too_long"];
  if (b.reviewAt < b.startsAt || b.reviewAt > b.endsAt) errors.reviewAt = ["outside_ban"];
  return Object.keys(errors).length ? errors : null;
}

export async function createBan(ctx: DomainContext, actor: Actor & { type: "STAFF" }, input: NewBan) {
  const now = ctx.clock.now();
  if (!canSeeLocation(actor, input.locationId)) throw new AppError("FORBIDDEN");
  const dateErrors = validateBanDates(input);
  if (dateErrors) throw new AppError("VALIDATION", "Invalid ban dates", dateErrors);
  const visitor = input.visitorId ? await ctx.db.visitor.findUnique({ where: { id: input.visitorId } }) : null;
  if (input.visitorId && !visitor) throw new AppError("VALIDATION", "Unknown visitor", { visitorId: ["unknown"] });
  if (!input.contactName?.trim())
    throw new AppError("VALIDATION", "Whom to call is required", { contactName: ["required"] });
  if (input.dateOfBirth && !/^\d{4}-\d{2}-\d{2}$/.test(input.dateOfBirth)) {
    throw new AppError("VALIDATION", "Invalid date of birth", { dateOfBirth: ["invalid"] });
  }
  // A name of only punctuation gives an empty key, which must never match anyone.
  const hasName = !!(
    input.firstName &&
    input.lastName &&
    input.dateOfBirth &&
    nameKey(input.firstName, input.lastName)
  );
  if (!visitor && !hasName) {
    throw new AppError("VALIDATION", "Name and date of birth are required", {
      firstName: ["required"],
      lastName: ["required"],
      dateOfBirth: ["required"],
    });
  }
  const displayName = visitor
    ? [visitor.firstName, visitor.lastName].filter(Boolean).join(" ")
    : `${input.firstName!.trim()} ${input.lastName!.trim()}`;
  const ban = await ctx.db.$transaction(async (tx) => {
    const b = await tx.ban.create({
      data: {
        locationId: input.locationId,
        scope: input.scope,
        reasonCategory: input.reasonCategory,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        reviewAt: input.reviewAt,
        decidedById: actor.id,
        contactName: input.contactName.trim(),
        contactPhone: input.contactPhone?.trim() || null,
        notes: input.notes?.trim() || null,
        displayName,
        visitorId: visitor?.id ?? null,
        passId: visitor?.passId ?? null,
        documentHash: visitor?.documentHash ?? null,
        // A known visitor's name and date of birth are matched too: a walk-in registers anew each time.
        nameKey: hasName
          ? nameKey(input.firstName!, input.lastName!)
          : visitor?.lastName && visitor.dateOfBirth
            ? nameKey(visitor.firstName, visitor.lastName) || null
            : null,
        dateOfBirth: hasName ? input.dateOfBirth! : (visitor?.dateOfBirth ?? null),
      },
    });
    await recordAudit(tx, actor, {
      action: "ban.created",
      subjectType: "Ban",
      subjectId: b.id,
      locationId: b.locationId,
      data: {
        scope: b.scope,
        reasonCategory: b.reasonCategory,
        startsAt: b.startsAt,
        endsAt: b.endsAt,
        reviewAt: b.reviewAt,
      },
      at: now,
    });
    return b;
  });
  return ban;
}

export async function endBan(ctx: DomainContext, actor: Actor & { type: "STAFF" }, banId: string, reason: string) {
  const now = ctx.clock.now();
  await ctx.db.$transaction(async (tx) => {
    const b = await tx.ban.findUnique({ where: { id: banId } });
    if (!b) throw new AppError("NOT_FOUND");
    if (!canSeeLocation(actor, b.locationId)) throw new AppError("FORBIDDEN");
    if (b.endedAt) return;
    await tx.ban.update({ where: { id: banId }, data: { endedAt: now, endedById: actor.id } });
    await recordAudit(tx, actor, {
      action: "ban.ended",
      subjectType: "Ban",
      subjectId: banId,
      locationId: b.locationId,
      data: { reason },
      at: now,
    });
  });
}

export type BanFilter = "active" | "expiring" | "expired" | "all";

export async function listBans(ctx: DomainContext, actor: Actor & { type: "STAFF" }, filter: BanFilter) {
  const now = ctx.clock.now();
  const soon = new Date(now.getTime() + EXPIRING_SOON_DAYS * DAY);
  const where =
    filter === "active"
      ? { endedAt: null, endsAt: { gt: now } }
      : filter === "expiring"
        ? { endedAt: null, endsAt: { gt: now, lte: soon } }
        : filter === "expired"
          ? { OR: [{ endedAt: { not: null } }, { endsAt: { lte: now } }] }
          : {};
  const rows = await ctx.db.ban.findMany({
    where: { ...where, ...(actor.role === "ADMIN" ? {} : { locationId: { in: actor.locationIds } }) },
    orderBy: { endsAt: "asc" },
  });
  await ctx.db.$transaction((tx) =>
    recordAudit(tx, actor, {
      action: "ban.list_viewed",
      subjectType: "Ban",
      data: { filter, count: rows.length },
      at: now,
    }),
  );
  return rows.map((b) => ({
    id: b.id,
    locationId: b.locationId,
    displayName: b.displayName,
    scope: b.scope,
    reasonCategory: b.reasonCategory,
    startsAt: b.startsAt.toISOString(),
    endsAt: b.endsAt.toISOString(),
    reviewAt: b.reviewAt.toISOString(),
    contactName: b.contactName,
    contactPhone: b.contactPhone,
    active: isBanActive(b, now),
    ended: !!b.endedAt,
    reviewDue: b.reviewAt <= now && isBanActive(b, now),
  }));
}
