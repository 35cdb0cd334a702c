import { ENTRY_POINTS } from "@/src/domain/access/entry-points";
import { permissions } from "@/src/domain/access/permissions";

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
    "Every server action and route handler and what lets a caller through (`src/domain/access/entry-points.ts`;",
    "`tests/integration/permission-matrix.test.ts` calls each one as every role and device kind and checks it).",
    "A list means any one of those permissions.",
    "",
    "| entry point | allowed with |",
    "| --- | --- |",
  );
  for (const [entry, rule] of Object.entries(ENTRY_POINTS)) {
    const who = typeof rule === "string" ? rule : rule.map((p) => `\`${p}\``).join(", ");
    lines.push(`| \`${entry}\` | ${who} |`);
  }
  return `${lines.join("\n")}\n`;
}
