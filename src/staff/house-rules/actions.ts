"use server";
// Server action of the house rules editor: checks `house_rules.manage` and the location, checks
// the texts (Dutch required; a language is either complete or left empty), saves the draft of
// the next version and, for "publish", publishes it. The domain writes the audit trail.
import { revalidatePath } from "next/cache";
import { getLocale } from "next-intl/server";
import { canSeeLocation, requirePermission } from "@/src/domain/access/permissions";
import { AppError } from "@/src/domain/errors";
import { publishRules, type RulesText, saveRulesDraft } from "@/src/domain/house-rules/house-rules";
import { redirect } from "@/src/i18n/navigation";
import { type ActionResult, runAction } from "@/src/server/action-result";
import { getStaffActor } from "@/src/server/auth/get-actor";
import { asForm } from "@/src/server/form-data";
import { domain } from "@/src/server/runtime";
import { BODY_MAX, RULES_LANGUAGES, TITLE_MAX } from "@/src/staff/house-rules/languages";

function field(formData: unknown, name: string): string {
  const v = asForm(formData).get(name);
  return typeof v === "string" ? v.trim() : "";
}

/** The texts from the form, or a VALIDATION error naming each field (e.g. `nl.title`). */
function textsOf(formData: unknown): RulesText[] {
  const errors: Record<string, string[]> = {};
  const texts: RulesText[] = [];
  for (const language of RULES_LANGUAGES) {
    const title = field(formData, `${language}.title`);
    const body = field(formData, `${language}.body`);
    if (!title && !body && language !== "nl") continue;
    if (!title) errors[`${language}.title`] = ["required"];
    else if (title.length > TITLE_MAX) errors[`${language}.title`] = ["too_big"];
    if (!body) errors[`${language}.body`] = ["required"];
    else if (body.length > BODY_MAX) errors[`${language}.body`] = ["too_big"];
    texts.push({ language, title, body });
  }
  if (Object.keys(errors).length) throw new AppError("VALIDATION", "Incomplete house rules", errors);
  return texts;
}

export async function saveHouseRulesAction(
  _prev: unknown,
  formData: FormData,
): Promise<ActionResult<{ intent: "save"; at: string } | { intent: "publish"; version: number; locationId: string }>> {
  const result = await runAction(async () => {
    const actor = requirePermission(await getStaffActor(), "house_rules.manage");
    const locationId = field(formData, "locationId");
    if (!locationId || !canSeeLocation(actor, locationId)) throw new AppError("FORBIDDEN");
    const ctx = await domain();
    if (!(await ctx.db.location.findUnique({ where: { id: locationId }, select: { id: true } }))) {
      throw new AppError("NOT_FOUND");
    }
    const texts = textsOf(formData);
    await saveRulesDraft(ctx, actor, locationId, texts);
    if (field(formData, "intent") === "publish") {
      const version = await publishRules(ctx, actor, locationId);
      return { intent: "publish" as const, version, locationId };
    }
    return { intent: "save" as const, at: ctx.clock.now().toISOString() };
  });
  if (!result.ok) return result;
  revalidatePath("/[locale]/staff/house-rules", "page");
  if (result.data.intent === "publish") {
    const { locationId, version } = result.data;
    return redirect({
      href: `/staff/house-rules?location=${encodeURIComponent(locationId)}&published=${version}`,
      locale: await getLocale(),
    });
  }
  return result;
}
