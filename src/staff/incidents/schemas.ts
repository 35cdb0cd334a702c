// Zod schemas of the incident forms (the boundary); the domain checks the rest.
import { z } from "zod";
import {
  AFTERCARE_OUTCOMES,
  COMPLAINT_STATUSES,
  INCIDENT_CATEGORIES,
  RESPONSE_KINDS,
} from "@/src/domain/incidents/step-plan";

const id = z.string().trim().min(1).max(100);
const optionalId = z
  .string()
  .trim()
  .max(100)
  .optional()
  .transform((v) => v || null);
const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on" || v === "true");
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "invalid");

export const registerSchema = z.object({
  incidentId: optionalId,
  locationId: id,
  /** datetime-local in the location's time zone: yyyy-mm-ddThh:mm */
  occurredAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "invalid"),
  roomId: optionalId,
  affectedStaffId: optionalId,
  visitorId: optionalId,
  category: z.enum(INCIDENT_CATEGORIES, { error: "required" }),
  description: z.string().trim().min(1, "required").max(4000, "too_long"),
  endedEarly: checkbox,
  acuteDanger: checkbox,
});

export const stepsSchema = z.object({
  id,
  managerInformed: checkbox,
  vptReported: checkbox,
  called112: checkbox,
  complaintStatus: z
    .union([z.enum(COMPLAINT_STATUSES), z.literal("")])
    .optional()
    .transform((v) => v || null),
  complaintReason: z.string().max(1000, "too_long").optional(),
});

export const aftercareSchema = z.object({
  taskId: id,
  outcome: z.enum(AFTERCARE_OUTCOMES, { error: "required" }),
  note: z.string().max(1000, "too_long").optional(),
});

export const responseSchema = z.object({
  id,
  kind: z.enum(RESPONSE_KINDS, { error: "required" }),
  note: z.string().max(1000, "too_long").optional(),
  banEndsAt: z.union([day, z.literal("")]).optional(),
});

export const closeSchema = z.object({ id });

export const settingsSchema = z.object({
  locationId: id,
  safetyOfficerId: optionalId,
  neighbourhoodOfficer: z.string().max(1000, "too_long").default(""),
  emergencyContacts: z.string().max(1000, "too_long").default(""),
  aftercareFollowUpDays: z.coerce.number().int("invalid").min(1, "invalid").max(13, "invalid"),
});

export const evaluationQuerySchema = z.object({
  from: day,
  to: day,
  location: z.string().max(100).optional(),
});
