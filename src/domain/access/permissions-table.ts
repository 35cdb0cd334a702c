import { ENTRY_POINTS } from "@/src/domain/access/entry-points";
import { permissions } from "@/src/domain/access/permissions";
import { SOCKET_EVENTS } from "@/src/domain/access/socket-events";

const ROLES = ["RECEPTION", "STAFF", "MANAGER", "ADMIN", "PRIVACY"] as const;
const DEVICES = ["KIOSK", "ROOM_TABLET", "DESK"] as const;

/** The permission table as Markdown, for docs/permissions.md (a test keeps the two equal). */
export function permissionsMarkdown(): string {
  const head = ["permission", ...ROLES, ...DEVICES.map((d) => `device ${d}`)];
  const lines = [
    "# Permissions",
    "",
    "Generated from `src/domain/access/permissions.ts` by `npm run docs:permissions`; a unit test fails when",
    "this file and the code disagree. Every server action, route handler and socket handler checks one of",
    "these permissions. ✔ = allowed, · = refused.",
    "",
    `| ${head.join(" | ")} |`,
    `| ${head.map(() => "---").join(" | ")} |`,
  ];
  for (const [name, rule] of Object.entries(permissions)) {
    const cells = [
      ...ROLES.map((r) => ((rule.roles as readonly string[]).includes(r) ? "✔" : "·")),
      ...DEVICES.map((d) => ((rule.devices as readonly string[]).includes(d) ? "✔" : "·")),
    ];
    lines.push(`| \`${name}\` | ${cells.join(" | ")} |`);
  }
  lines.push(
    "",
    "## Entry points",
    "",
    "Every server action, route handler and client-to-server socket.io event and what lets a caller through",
    "(`src/domain/access/entry-points.ts`, `src/domain/access/socket-events.ts`). A list means any one of those",
    "permissions. `tests/integration/permission-matrix.test.ts` calls every action and route handler as nobody,",
    "every role and every device kind; `tests/integration/socket-permission-matrix.test.ts` connects over real",
    "socket.io as every role and device kind and sends every event. Route handlers let a device through only",
    "for permissions that only devices hold; a socket event lets through whoever its cookie names (staff",
    "session or paired device) when they hold one of the permissions, and checks it before reading the",
    "payload. A socket without a valid session or device credential is refused when it connects.",
    "",
    "| entry point | allowed with |",
    "| --- | --- |",
  );
  for (const [entry, rule] of Object.entries(ENTRY_POINTS)) {
    const who = typeof rule === "string" ? rule : rule.map((p) => `\`${p}\``).join(", ");
    lines.push(`| \`${entry}\` | ${who} |`);
  }
  for (const [event, rule] of Object.entries(SOCKET_EVENTS)) {
    lines.push(`| socket.io \`${event}\` | ${rule.map((p) => `\`${p}\``).join(", ")} |`);
  }
  return `${lines.join("\n")}\n`;
}
