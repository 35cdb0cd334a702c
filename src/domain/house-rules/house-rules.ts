// House rules (huisregels): versioned per location, one text per language. A visitor accepts
// the current version once; a new version is accepted again on the next visit.
import type { Actor } from "@/src/domain/access/actor";
import { recordAudit } from "@/src/domain/audit/record-audit";
import type { Db, DomainContext, Tx } from "@/src/domain/db";
import { AppError } from "@/src/domain/errors";

/** Languages tried when the visitor's language has no text: English, then Dutch. */
const FALLBACK = ["en", "nl"];

/** The latest published version number at a location (0 when none is published). */
export async function currentRulesVersion(db: Db | Tx, locationId: string): Promise<number> {
  const latest = await db.houseRules.findFirst({
    where: { locationId, publishedAt: { not: null } },
    orderBy: { version: "desc" },
    select: { version: true },
  });
  return latest?.version ?? 0;
}

/**
 * The current published rules in the visitor's language (or a fallback), or null if none. One
 * query: every published version has a Dutch text, so the newest row among the wanted languages
 * is always of the current version.
 */
export async function currentRules(db: Db | Tx, locationId: string, language: string) {
  const wanted = [language, ...FALLBACK];
  const rows = await db.houseRules.findMany({
    where: { locationId, publishedAt: { not: null }, language: { in: wanted } },
    orderBy: { version: "desc" },
    take: wanted.length,
    select: { version: true, language: true, title: true, body: true },
  });
  const version = rows[0]?.version;
  if (!version) return null;
  const current = rows.filter((r) => r.version === version);
  for (const lang of wanted) {
    const t = current.find((r) => r.language === lang);
    if (t) return t;
  }
  return null;
}

export async function hasAcceptedCurrent(
  db: Db | Tx,
  visitorId: string,
  locationId: string,
  version: number,
): Promise<boolean> {
  if (!version) return true;
  const row = await db.rulesAcceptance.findUnique({
    where: { visitorId_locationId_version: { visitorId, locationId, version } },
  });
  return !!row;
}

export interface Acceptance {
  visitorId: string;
  locationId: string;
  version: number;
  language: string;
  acceptedAt: Date;
}

/** Records the acceptance once per visitor, location and version (a second one changes nothing). */
export async function recordAcceptance(tx: Tx, a: Acceptance) {
  const { visitorId, locationId, version } = a;
  await tx.rulesAcceptance.upsert({
    where: { visitorId_locationId_version: { visitorId, locationId, version } },
    create: a,
    update: {},
  });
}

export interface RulesText {
  language: string;
  title: string;
  body: string;
}

/** The draft (unpublished) version at a location, creating it from the current texts if none. */
export async function rulesForEditing(db: Db, locationId: string) {
  const current = await currentRulesVersion(db, locationId);
  const draft = await db.houseRules.findMany({
    where: { locationId, version: current + 1, publishedAt: null },
    orderBy: { language: "asc" },
  });
  const published = current
    ? await db.houseRules.findMany({ where: { locationId, version: current }, orderBy: { language: "asc" } })
    : [];
  return { currentVersion: current, published, draft };
}

/** Saves the texts of the next version as a draft (not yet shown at the kiosk). */
export async function saveRulesDraft(ctx: DomainContext, actor: Actor, locationId: string, texts: RulesText[]) {
  const now = ctx.clock.now();
  if (!texts.length || texts.some((t) => !t.title.trim() || !t.body.trim())) {
    throw new AppError("VALIDATION", "Every text needs a title and a body", { texts: ["required"] });
  }
  if (!texts.some((t) => t.language === "nl"))
    throw new AppError("VALIDATION", "A Dutch text is required", { nl: ["required"] });
  if (new Set(texts.map((t) => t.language)).size !== texts.length) {
    throw new AppError("VALIDATION", "One text per language", { texts: ["duplicate_language"] });
  }
  await ctx.db.$transaction(async (tx) => {
    const version = (await currentRulesVersion(tx, locationId)) + 1;
    await tx.houseRules.deleteMany({ where: { locationId, version, publishedAt: null } });
    await tx.houseRules.createMany({
      data: texts.map((t) => ({
        locationId,
        version,
        language: t.language,
        title: t.title.trim(),
        body: t.body.trim(),
        createdById: actor.type === "STAFF" ? actor.id : null,
      })),
    });
    await recordAudit(tx, actor, {
      action: "house_rules.draft_saved",
      subjectType: "Location",
      subjectId: locationId,
      locationId,
      data: { version, languages: texts.map((t) => t.language) },
      at: now,
    });
  });
}

/** Publishes the draft: from now on returning visitors accept this version once. */
export async function publishRules(ctx: DomainContext, actor: Actor, locationId: string) {
  const now = ctx.clock.now();
  const version = await ctx.db.$transaction(async (tx) => {
    const next = (await currentRulesVersion(tx, locationId)) + 1;
    const { count } = await tx.houseRules.updateMany({
      where: { locationId, version: next, publishedAt: null },
      data: { publishedAt: now },
    });
    if (!count) throw new AppError("NOT_FOUND", "No draft to publish");
    await recordAudit(tx, actor, {
      action: "house_rules.published",
      subjectType: "Location",
      subjectId: locationId,
      locationId,
      data: { version: next },
      at: now,
    });
    return next;
  });
  ctx.events.publish("house_rules.published", { locationId, version });
  return version;
}
