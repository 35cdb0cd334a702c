// npm run docs:permissions — writes docs/permissions.md from the permission table.
import fs from "node:fs";
import { permissionsMarkdown } from "@/src/domain/access/permissions-table";

fs.writeFileSync("docs/permissions.md", permissionsMarkdown());
console.log("Wrote docs/permissions.md");
