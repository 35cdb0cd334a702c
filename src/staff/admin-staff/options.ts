// Choices the staff forms offer; shared by the server (validation) and the browser (select options).
import { Role } from "@/src/generated/prisma/enums";

export const ROLES = Object.values(Role);
export const STAFF_LOCALES = ["nl", "en"] as const;
