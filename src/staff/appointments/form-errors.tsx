"use client";
// The appointment forms' field errors and general message: the shared form kit, with these texts.
import type { ComponentProps } from "react";
import { FieldError, FormMessage } from "@/src/ui/form-kit";

const TEXTS = { namespace: "appointments.errors", blankIsRequired: true } as const;

export const AppointmentFieldError = (
  props: Omit<ComponentProps<typeof FieldError>, "namespace" | "blankIsRequired">,
) => <FieldError {...props} {...TEXTS} />;

export const AppointmentFormMessage = (
  props: Omit<ComponentProps<typeof FormMessage>, "namespace" | "blankIsRequired">,
) => <FormMessage {...props} {...TEXTS} />;
