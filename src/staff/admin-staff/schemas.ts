// What the admin staff forms may send. The domain checks the rest (password length, e-mail and
// badge uniqueness, own role, known locations) and answers with field error codes.
import { z } from "zod";
import { ROLES, STAFF_LOCALES } from "@/src/staff/admin-staff/options";

const id = z.string().trim().min(1).max(100);
const text = (max: number) => z.string().trim().min(1).max(max);

const staffFields = {
  name: text(200),
  email: z.string().trim().max(320).pipe(z.email()),
  role: z.enum(ROLES),
  locale: z.enum(STAFF_LOCALES),
  locationIds: z.array(id).max(200),
};

export const createStaffSchema = z.object({ ...staffFields, password: z.string().max(1024) });
export const updateStaffSchema = z.object({ id, ...staffFields });
export const resetPasswordSchema = z.object({ id, password: z.string().max(1024) });
export const setBadgeSchema = z.discriminatedUnion("intent", [
  z.object({ id, intent: z.literal("set"), badgeCode: text(200) }),
  z.object({ id, intent: z.literal("clear") }),
]);
export const setStaffActiveSchema = z.object({ id, active: z.enum(["true", "false"]).transform((v) => v === "true") });
