"use server";
// Server actions of the visitor screens. A name search is a POST (an action), never a URL query:
// names do not belong in URLs, browser history or server logs.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requirePermission } from "@/src/domain/access/permissions";
import { issuePass, searchVisitors, type VisitorListItem } from "@/src/domain/visitors/visitors";
import { type ActionResult, runAction } from "@/src/server/action-result";
import { getStaffActor } from "@/src/server/auth/get-actor";
import { formValues } from "@/src/server/form-data";
import { domain } from "@/src/server/runtime";

const searchSchema = z.object({ query: z.string().trim().min(2).max(100) });
const idSchema = z.object({ id: z.string().trim().min(1).max(100) });

/** Finding visitors and issuing passes (visitors.manage): checked before any input is read. */
async function staff() {
  return requirePermission(await getStaffActor(), "visitors.manage");
}

export async function searchVisitorsAction(
  _prev: unknown,
  formData: FormData,
): Promise<ActionResult<{ visitors: VisitorListItem[] }>> {
  return runAction(async () => {
    const actor = await staff();
    const { query } = searchSchema.parse(formValues(formData));
    return { visitors: await searchVisitors(await domain(), actor, query) };
  });
}

export async function issuePassAction(
  _prev: unknown,
  formData: FormData,
): Promise<ActionResult<{ replaced: boolean }>> {
  const result = await runAction(async () => {
    const actor = await staff();
    const { id } = idSchema.parse(formValues(formData));
    const { replaced } = await issuePass(await domain(), actor, id);
    return { replaced };
  });
  if (result.ok) revalidatePath("/[locale]/staff/visitors/[id]", "page");
  return result;
}
