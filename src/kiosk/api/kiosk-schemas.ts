// zod schemas for the kiosk's route handlers (the boundary: everything from a kiosk is untrusted).
import { z } from "zod";
import { KIOSK_LANGUAGES } from "@/src/domain/visits/kiosk-outcome";

const name = z.string().trim().min(1).max(60);
const queueNumber = z.number().int().min(1).max(100_000);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const walkInSchema = z.discriminatedUnion("mode", [
  z.object({
    mode: z.literal("FULL"),
    firstName: name,
    lastName: name,
    dateOfBirth: isoDate.optional().or(z.literal("")),
    purpose: z.string().trim().min(1).max(200),
  }),
  z.object({
    mode: z.literal("MINIMAL"),
    firstName: name,
    age: z.coerce.number().int().min(0).max(120),
    nationalityGroup: z.enum(["NL", "EU", "NON_EU"]),
  }),
]);

export const identifySchema = z.object({
  language: z.enum(KIOSK_LANGUAGES),
  input: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("scan"), text: z.string().min(1).max(512), queueNumber: queueNumber.optional() }),
    z.object({ kind: z.literal("walk-in"), fields: walkInSchema, queueNumber: queueNumber.optional() }),
  ]),
});

export const checkInSchema = z.object({
  pending: z.string().min(1).max(4000),
  decision: z.enum(["accept", "decline"]),
});

/** "I may need help to leave the building": the leave code of the check-in just made, and yes/no. */
export const needsHelpSchema = z.object({
  leaveCode: z.string().regex(/^\d{6,7}$/),
  needsHelp: z.boolean(),
});

export const checkOutSchema = z.object({
  input: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("scan"), text: z.string().min(1).max(512) }),
    z.object({ kind: z.literal("leave-code"), code: z.string().trim().min(1).max(10) }),
  ]),
});
