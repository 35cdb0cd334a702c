"use client";
import type { ComponentProps } from "react";
import { FieldError, FormMessage } from "@/src/ui/form-kit";

const TEXTS = { namespace: "visitors.errors", blankIsRequired: true } as const;

export const VisitorFieldError = (props: Omit<ComponentProps<typeof FieldError>, "namespace" | "blankIsRequired">) => (
  <FieldError {...props} {...TEXTS} />
);

export const VisitorFormMessage = (
  props: Omit<ComponentProps<typeof FormMessage>, "namespace" | "blankIsRequired">,
) => <FormMessage {...props} {...TEXTS} />;
