// What the appointment forms may send. The domain checks the rest (host and room at the location,
// the start not in the past, the end after the start, a staff member booking only for themselves).
import { z } from "zod";
import { isCalendarDay } from "@/src/domain/local-day";

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const id = z.string().trim().min(1).max(100);
const optional = (max: number) => z.preprocess(blank, z.string().trim().max(max).optional());
const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(isCalendarDay);
const time = z
  .string()
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/);

export const appointmentSchema = z.object({
  id: z.preprocess(blank, id.optional()),
  locationId: id,
  hostId: z.preprocess(blank, id),
  roomId: z.preprocess(blank, id.optional()),
  day: z.preprocess(blank, day),
  startTime: z.preprocess(blank, time),
  endTime: z.preprocess(blank, time.optional()),
  purpose: optional(500),
  risky: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
  visitorId: z.preprocess(blank, id.optional()),
  firstName: optional(100),
  lastName: optional(100),
  dateOfBirth: z.preprocess(blank, day.optional()),
});

export const APPOINTMENT_FORM_FIELDS = [
  "locationId",
  "hostId",
  "roomId",
  "day",
  "startTime",
  "endTime",
  "startsAt",
  "endsAt",
  "purpose",
  "risky",
  "visitorId",
  "firstName",
  "lastName",
  "dateOfBirth",
] as const;

export const idSchema = z.object({ id, reason: optional(500) });
