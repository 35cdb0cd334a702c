// The staff badge behind a code read at a door's reader: the same code rule (parseBadge) and the
// same keyed hash (badgeHashInput) as the presence register (src/domain/presence).
import { hmac } from "@/src/domain/crypto";
import type { DomainContext } from "@/src/domain/db";
import { badgeHashInput, parseBadge } from "@/src/domain/presence/rules";
import type { Role } from "@/src/generated/prisma/enums";

export async function staffByBadge(
  ctx: DomainContext,
  code: string,
): Promise<{ id: string; role: Role; locationIds: string[] } | null> {
  const raw = typeof code === "string" ? code.trim() : "";
  if (!raw || raw.length > 200) return null;
  const canonical = parseBadge(raw);
  // Badges are linked as typed; a reader with Caps Lock on still finds a Portier badge.
  const hashes = [...new Set([raw, canonical].filter((c): c is string => !!c))].map((c) =>
    hmac(ctx.hmacKey, badgeHashInput(c)),
  );
  const staff = await ctx.db.staffMember.findFirst({
    where: { badgeHash: { in: hashes }, active: true },
    select: { id: true, role: true, locations: { select: { locationId: true } } },
  });
  if (!staff) return null;
  return { id: staff.id, role: staff.role, locationIds: staff.locations.map((l) => l.locationId) };
}
