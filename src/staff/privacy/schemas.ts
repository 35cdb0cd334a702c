// What the privacy screens may send. A document number is validated here and hashed in the domain;
// it never reaches a log or the audit trail.
import { z } from "zod";
import { SUBJECT_KINDS } from "@/src/domain/privacy/subject-requests";

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalDate = z
  .string()
  .trim()
  .max(10)
  .transform((v) => v || null)
  .pipe(
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .nullable(),
  );

export const subjectSearchSchema = z.discriminatedUnion("by", [
  z.object({ by: z.literal("name"), name: z.string().trim().min(2).max(100), dateOfBirth: optionalDate.optional() }),
  z.object({ by: z.literal("pass"), passId: text(64) }),
  z.object({
    by: z.literal("document"),
    documentNumber: text(32),
    issuingState: z
      .string()
      .trim()
      .regex(/^[A-Za-z<]{1,3}$/),
  }),
  z.object({ by: z.literal("staff"), query: z.string().trim().min(2).max(100) }),
]);

export const subjectKindSchema = z.enum(SUBJECT_KINDS);
export const subjectIdSchema = z.string().trim().min(1).max(100);
export const exportFormatSchema = z.enum(["json", "pdf"]);
export const eraseSchema = z.object({ id: subjectIdSchema, confirm: z.literal("yes") });
