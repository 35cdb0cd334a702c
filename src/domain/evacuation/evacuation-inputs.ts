// Who may start an evacuation at a location, and the fire panel's two ways in (issue 6, part 1):
//   - an MQTT topic (the listener in src/server/mqtt-evacuation.ts, only with PORTIER_MQTT_URL):
//     `{"evacuation":"start","drill":false}` on the location's topic starts one;
//   - a webhook, `POST /api/evacuations/fire-panel` with `Authorization: Bearer <secret>` and an
//     optional body `{"drill": true, "reason": "…"}`. The secret is generated here, shown once and
//     stored only as its SHA-256 (looked up through the unique index), like the alarm buttons'.
// Inputs only start evacuations: ending one is a person's decision on the dashboard.
import { type Actor, systemActor } from "@/src/domain/access/actor";
import { canSeeLocation, requirePermission } from "@/src/domain/access/permissions";
import { topicProblem } from "@/src/domain/alarms/buttons";
import { recordAudit } from "@/src/domain/audit/record-audit";
import { randomToken, sha256 } from "@/src/domain/crypto";
import type { Db, DomainContext } from "@/src/domain/db";
import { AppError } from "@/src/domain/errors";
import { DEFAULT_START_ROLES, type RollCall, startEvacuation } from "@/src/domain/evacuation/evacuations";
import { blockedUntil, recordFailure } from "@/src/domain/staff/login-throttle";
import type { Role } from "@/src/generated/prisma/enums";

export const STARTER_ROLES: readonly Role[] = ["RECEPTION", "STAFF", "MANAGER", "ADMIN"];
export const FIRE_PANEL_SECRET_PREFIX = "pev_";
export const MQTT_EVACUATION_PAYLOAD_MAX = 4096;

export interface EvacuationSettingsView {
  locationId: string;
  startRoles: Role[];
  mqttTopic: string | null;
  webhook: boolean;
}

export async function loadEvacuationSettings(
  ctx: DomainContext,
  actor: Actor,
  locationId: string,
): Promise<EvacuationSettingsView> {
  requirePermission(actor, "evacuation.configure");
  if (!canSeeLocation(actor, locationId)) throw new AppError("FORBIDDEN");
  const s = await ctx.db.evacuationSettings.findUnique({ where: { locationId } });
  return {
    locationId,
    startRoles: s ? (s.startRoles.split(",").filter(Boolean) as Role[]) : DEFAULT_START_ROLES,
    mqttTopic: s?.mqttTopic ?? null,
    webhook: !!s?.secretHash,
  };
}

/** Saves the roles that may start an evacuation and the fire panel's MQTT topic (null: none). */
export async function saveEvacuationSettings(
  ctx: DomainContext,
  actor: Actor,
  input: { locationId: string; startRoles: Role[]; mqttTopic: string | null },
): Promise<EvacuationSettingsView> {
  requirePermission(actor, "evacuation.configure");
  const errors: Record<string, string[]> = {};
  const roles = [...new Set(input.startRoles)].filter((r) => STARTER_ROLES.includes(r));
  if (roles.length === 0 || roles.length !== new Set(input.startRoles).size) errors.startRoles = ["invalid"];
  const topic = input.mqttTopic?.trim() || null;
  if (topic) {
    const problem = topicProblem(topic);
    if (problem) errors.mqttTopic = [problem];
  }
  if (!canSeeLocation(actor, input.locationId)) errors.locationId = ["unknown"];
  if (Object.keys(errors).length) throw new AppError("VALIDATION", "Invalid settings", errors);
  const now = ctx.clock.now();
  await ctx.db.$transaction(async (tx) => {
    const location = await tx.location.findUnique({ where: { id: input.locationId }, select: { id: true } });
    if (!location) throw new AppError("VALIDATION", "Unknown location", { locationId: ["unknown"] });
    if (topic) {
      const taken = await tx.evacuationSettings.findUnique({
        where: { mqttTopic: topic },
        select: { locationId: true },
      });
      const button = await tx.alarmButton.findUnique({ where: { mqttTopic: topic }, select: { id: true } });
      if ((taken && taken.locationId !== input.locationId) || button)
        throw new AppError("VALIDATION", "Topic taken", { mqttTopic: ["taken"] });
    }
    const data = { startRoles: roles.join(","), mqttTopic: topic };
    await tx.evacuationSettings.upsert({
      where: { locationId: input.locationId },
      create: { locationId: input.locationId, ...data },
      update: data,
    });
    await recordAudit(tx, actor, {
      action: "evacuation.settings_changed",
      subjectType: "Location",
      subjectId: input.locationId,
      locationId: input.locationId,
      data,
      at: now,
    });
  });
  ctx.events.publish("evacuation.inputs_changed", { locationId: input.locationId });
  return loadEvacuationSettings(ctx, actor, input.locationId);
}

/** Issues a new fire panel webhook secret (the old one stops working); returned once. `revoke`: none. */
export async function issueFirePanelSecret(
  ctx: DomainContext,
  actor: Actor,
  locationId: string,
  revoke = false,
): Promise<{ secret: string | null }> {
  requirePermission(actor, "evacuation.configure");
  if (!canSeeLocation(actor, locationId)) throw new AppError("FORBIDDEN");
  const secret = revoke ? null : `${FIRE_PANEL_SECRET_PREFIX}${randomToken(32)}`;
  const now = ctx.clock.now();
  await ctx.db.$transaction(async (tx) => {
    const location = await tx.location.findUnique({ where: { id: locationId }, select: { id: true } });
    if (!location) throw new AppError("NOT_FOUND");
    const secretHash = secret ? sha256(secret) : null;
    await tx.evacuationSettings.upsert({
      where: { locationId },
      create: { locationId, startRoles: DEFAULT_START_ROLES.join(","), secretHash },
      update: { secretHash },
    });
    await recordAudit(tx, actor, {
      action: revoke ? "evacuation.webhook_revoked" : "evacuation.webhook_issued",
      subjectType: "Location",
      subjectId: locationId,
      locationId,
      at: now,
    });
  });
  return { secret };
}

// ---------------------------------------------------------------------------------------------
// Webhook

export const FIRE_PANEL_FAILURE_LIMIT = 20;
const fireAddressKey = (address: string) => `evacuation-webhook:address:${address}`;

export type FirePanelAuth =
  | { ok: true; locationId: string }
  | { ok: false; code: "UNAUTHORIZED" | "RATE_LIMITED"; retryAt?: Date };

/**
 * Authenticates a fire panel call. A valid secret always wins (the throttle never holds back an
 * evacuation); wrong calls are audited with the client address (never the secret) and, past the
 * limit, the address is blocked for a while.
 */
export async function authenticateFirePanel(
  ctx: DomainContext,
  input: { secret: string | null; address: string },
): Promise<FirePanelAuth> {
  if (input.secret && input.secret.length <= 200) {
    const s = await ctx.db.evacuationSettings.findUnique({
      where: { secretHash: sha256(input.secret) },
      select: { locationId: true },
    });
    if (s) return { ok: true, locationId: s.locationId };
  }
  const now = ctx.clock.now();
  const key = fireAddressKey(input.address);
  const until = await blockedUntil(ctx.db, [key], now);
  if (until) return { ok: false, code: "RATE_LIMITED", retryAt: until };
  await recordFailure(ctx.db, [{ key, limit: FIRE_PANEL_FAILURE_LIMIT }], now);
  await ctx.db.$transaction((tx) =>
    recordAudit(tx, systemActor, {
      action: "evacuation.webhook_rejected",
      data: { address: input.address, reason: input.secret ? "unknown" : "missing" },
      at: now,
    }),
  );
  const blocked = await blockedUntil(ctx.db, [key], now);
  return blocked ? { ok: false, code: "RATE_LIMITED", retryAt: blocked } : { ok: false, code: "UNAUTHORIZED" };
}

/** The fire panel starts an evacuation (as the system actor; the location's role setting does not apply). */
export async function startFromFirePanel(
  ctx: DomainContext,
  locationId: string,
  input: { drill?: boolean; reason?: string | null; source: "MQTT" | "WEBHOOK" },
): Promise<{ rollCall: RollCall; alreadyRunning: boolean }> {
  return startEvacuation(ctx, systemActor, {
    locationId,
    drill: input.drill ?? false,
    reason: input.reason ?? (input.source === "MQTT" ? "Fire panel (MQTT)" : "Fire panel (webhook)"),
    source: input.source,
  });
}

// ---------------------------------------------------------------------------------------------
// MQTT

/** The topics the evacuation listener subscribes to, with their location. */
export async function evacuationTopics(db: Db): Promise<Map<string, string>> {
  const rows = await db.evacuationSettings.findMany({
    where: { mqttTopic: { not: null } },
    select: { mqttTopic: true, locationId: true },
  });
  return new Map(rows.map((r) => [r.mqttTopic as string, r.locationId]));
}

export type ParsedFirePayload =
  | { kind: "start"; drill: boolean; reason: string | null }
  | { kind: "ignore" }
  | { kind: "malformed"; reason: "too_large" | "not_json" | "not_object" | "bad_value" };

/**
 * A message on a fire panel topic: `{"evacuation":"start","drill":false,"reason":"…"}` starts one;
 * also accepted: `{"fire":true}` / `{"alarm":true}` (a panel's relay through an MQTT bridge), and
 * the bare strings `START` / `FIRE`. Anything else well-formed (`{"evacuation":"end"}`, a status
 * report, `{"fire":false}`) is ignored: ending is a person's decision.
 */
export function parseFirePayload(payload: Buffer | string): ParsedFirePayload {
  const text = payload.toString();
  if (Buffer.byteLength(text) > MQTT_EVACUATION_PAYLOAD_MAX) return { kind: "malformed", reason: "too_large" };
  const bare = text.trim().toUpperCase();
  if (bare === "START" || bare === "FIRE") return { kind: "start", drill: false, reason: null };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: "malformed", reason: "not_json" };
  }
  if (!json || typeof json !== "object" || Array.isArray(json)) return { kind: "malformed", reason: "not_object" };
  const o = json as Record<string, unknown>;
  if (o.drill !== undefined && typeof o.drill !== "boolean") return { kind: "malformed", reason: "bad_value" };
  if (o.reason !== undefined && typeof o.reason !== "string") return { kind: "malformed", reason: "bad_value" };
  const reason = typeof o.reason === "string" ? o.reason.slice(0, 500) : null;
  const drill = o.drill === true;
  if (o.evacuation === "start" || o.fire === true || o.alarm === true) return { kind: "start", drill, reason };
  return { kind: "ignore" };
}
