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
  return `${lines.join("\n")}\n`;
}
