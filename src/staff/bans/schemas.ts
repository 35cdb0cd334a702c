// What the ban forms may send. The domain checks the rest (dates against each other and the
// maximum length, a known visitor, name + date of birth when no visitor is given, the location).
import { z } from "zod";
import { isCalendarDay } from "@/src/domain/local-day";
import { BanReason, BanScope } from "@/src/generated/prisma/enums";

export const BAN_SCOPES = Object.values(BanScope);
export const BAN_REASONS = Object.values(BanReason);
export const BAN_FILTERS = ["active", "expiring", "expired", "all"] as const;
export type BanFilterOption = (typeof BAN_FILTERS)[number];

/** An empty or blank form field counts as not sent. */
const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const id = z.string().trim().min(1).max(100);
const required = (max: number) => z.preprocess(blank, z.string().trim().max(max));
const optional = (max: number) => z.preprocess(blank, z.string().trim().max(max).optional());
const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(isCalendarDay);

export const createBanSchema = z.object({
  locationId: id,
  scope: z.enum(BAN_SCOPES),
  reasonCategory: z.enum(BAN_REASONS),
  visitorId: optional(100),
  firstName: optional(100),
  lastName: optional(100),
  dateOfBirth: z.preprocess(blank, day.optional()),
  startsAt: z.preprocess(blank, day),
  endsAt: z.preprocess(blank, day),
  reviewAt: z.preprocess(blank, day),
  contactName: required(200),
  contactPhone: optional(50),
  notes: optional(2000),
});

export const endBanSchema = z.object({ id, reason: required(500), filter: z.enum(BAN_FILTERS).catch("active") });

/** Form fields the ban form shows (errors of other keys go to the form's general message). */
export const BAN_FORM_FIELDS = [
  "locationId",
  "scope",
  "reasonCategory",
  "visitorId",
  "firstName",
  "lastName",
  "dateOfBirth",
  "startsAt",
  "endsAt",
  "reviewAt",
  "contactName",
  "contactPhone",
  "notes",
] as const;
