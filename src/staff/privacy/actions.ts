"use server";
// Server actions of the privacy screens. A search is a POST (an action), never a URL query: names
// and document numbers do not belong in URLs, browser history or server logs.
import { requirePermission } from "@/src/domain/access/permissions";
import { eraseVisitor, findSubjects, type HoldReason, type SubjectHit } from "@/src/domain/privacy/subject-requests";
import { type ActionResult, runAction } from "@/src/server/action-result";
import { getStaffActor } from "@/src/server/auth/get-actor";
import { formValues } from "@/src/server/form-data";
import { domain } from "@/src/server/runtime";
import { eraseSchema, subjectSearchSchema } from "@/src/staff/privacy/schemas";

/** The privacy officer: checked before any input is read. */
async function staff() {
  return requirePermission(await getStaffActor(), "privacy.subject_requests");
}

export async function searchSubjectsAction(
  _prev: unknown,
  formData: FormData,
): Promise<ActionResult<{ hits: SubjectHit[] }>> {
  return runAction(async () => {
    const actor = await staff();
    const search = subjectSearchSchema.parse(formValues(formData));
    return { hits: await findSubjects(await domain(), actor, search) };
  });
}

export async function eraseVisitorAction(
  _prev: unknown,
  formData: FormData,
): Promise<ActionResult<{ erased: boolean; holds: HoldReason[] }>> {
  return runAction(async () => {
    const actor = await staff();
    const { id } = eraseSchema.parse(formValues(formData));
    const outcome = await eraseVisitor(await domain(), actor, id);
    return { erased: outcome.erased, holds: outcome.erased ? [] : outcome.holds.map((h) => h.reason) };
  });
}
