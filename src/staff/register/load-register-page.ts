// Data for the register page and its print view (server only; the page has checked
// `register.view`): the domain's register of one location, plus, for those who may sign others
// in (presence.manage), the location's staff to pick from.
import type { Actor } from "@/src/domain/access/actor";
import { can } from "@/src/domain/access/permissions";
import { loadLocationStaff, loadRegister, type Register } from "@/src/domain/register/load-register";
import { domain } from "@/src/server/runtime";

export interface RegisterPageData {
  register: Register;
  /** Staff who can be signed in with one tap (empty without presence.manage). */
  colleagues: { id: string; name: string }[];
  canManage: boolean;
}

export async function loadRegisterPage(actor: Actor, locationId: string): Promise<RegisterPageData> {
  const ctx = await domain();
  const [register, colleagues] = await Promise.all([
    loadRegister(ctx, actor, locationId),
    loadLocationStaff(ctx, actor, locationId),
  ]);
  return { register, colleagues, canManage: can(actor, "presence.manage") };
}

/** The register alone (the print view). */
export async function loadPrintRegister(actor: Actor, locationId: string): Promise<Register> {
  return loadRegister(await domain(), actor, locationId);
}
