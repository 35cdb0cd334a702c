"use client";
// The ban forms' field errors and general message: the shared form kit, with the bans' texts.
import type { ComponentProps } from "react";
import { FieldError, FormMessage } from "@/src/ui/form-kit";

const BAN_TEXTS = { namespace: "bans.errors", blankIsRequired: true } as const;

export const BanFieldError = (props: Omit<ComponentProps<typeof FieldError>, "namespace" | "blankIsRequired">) => (
  <FieldError {...props} {...BAN_TEXTS} />
);

export const BanFormMessage = (props: Omit<ComponentProps<typeof FormMessage>, "namespace" | "blankIsRequired">) => (
  <FormMessage {...props} {...BAN_TEXTS} />
);
