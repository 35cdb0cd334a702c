// Data for the house rules editor (server only; the page has checked `house_rules.manage` and
// that the staff member may see the location).
import { rulesForEditing } from "@/src/domain/house-rules/house-rules";
import { domain } from "@/src/server/runtime";
import { RULES_LANGUAGES, type RulesTexts } from "@/src/staff/house-rules/languages";

export interface PublishedText {
  language: string;
  title: string;
  body: string;
}

function toTexts(rows: { language: string; title: string; body: string }[]): RulesTexts {
  const out = Object.fromEntries(RULES_LANGUAGES.map((l) => [l, { title: "", body: "" }])) as RulesTexts;
  for (const r of rows) {
    if ((RULES_LANGUAGES as readonly string[]).includes(r.language)) {
      out[r.language as keyof RulesTexts] = { title: r.title, body: r.body };
    }
  }
  return out;
}

export async function loadHouseRules(locationId: string) {
  const ctx = await domain();
  const { currentVersion, published, draft } = await rulesForEditing(ctx.db, locationId);
  const order = (l: string) => {
    const i = (RULES_LANGUAGES as readonly string[]).indexOf(l);
    return i < 0 ? RULES_LANGUAGES.length : i;
  };
  const byLanguage = <T extends { language: string }>(rows: T[]) =>
    [...rows].sort((a, b) => order(a.language) - order(b.language));
  const draftSavedAt = draft.reduce<Date | null>((m, r) => (!m || r.createdAt > m ? r.createdAt : m), null);
  return {
    currentVersion,
    publishedAt: published[0]?.publishedAt?.toISOString() ?? null,
    published: byLanguage(published).map(({ language, title, body }) => ({ language, title, body })),
    hasDraft: draft.length > 0,
    draftSavedAt: draftSavedAt?.toISOString() ?? null,
    /** What the editor starts with: the draft, else the published texts to change. */
    initial: toTexts(draft.length ? draft : published),
  };
}
