// Hardware panic buttons (issue 5, part 8): a button is bound to one room and raises an alarm
// through the same pipeline as a room tablet (`raiseAlarm`, source BUTTON_MQTT or BUTTON_WEBHOOK,
// as the system actor). Two ways in, either or both per button:
//   - an MQTT topic (e.g. a Zigbee button through zigbee2mqtt publishing to Mosquitto): the
//     listener in src/server/mqtt-buttons.ts subscribes to the topics of all active buttons;
//   - an HTTP webhook (`POST /api/alarms/button`, `Authorization: Bearer <secret>`): the secret is
//     generated here, shown once, and stored only as its SHA-256 (looked up through the unique
//     index, so no stored secret is ever compared byte by byte).
// Registering and revoking are audited and publish `alarm_button.changed`, so the listener
// re-subscribes. Revoking frees the topic (a replacement button may use it at once).
import { type Actor, systemActor } from "@/src/domain/access/actor";
import { canSeeLocation, requirePermission } from "@/src/domain/access/permissions";
import type { AlarmView } from "@/src/domain/alarms/alarm-view";
import { raiseAlarm } from "@/src/domain/alarms/alarms";
import { recordAudit } from "@/src/domain/audit/record-audit";
import { randomToken, sha256 } from "@/src/domain/crypto";
import type { Db, DomainContext } from "@/src/domain/db";
import { AppError } from "@/src/domain/errors";
import { blockedUntil, recordFailure } from "@/src/domain/staff/login-throttle";
import type { AlarmLevel } from "@/src/generated/prisma/enums";

export const BUTTON_LEVELS: readonly AlarmLevel[] = ["ASSISTANCE", "EMERGENCY"];
export const BUTTON_NAME_MAX = 100;
export const MQTT_TOPIC_MAX = 200;
/** Webhook secrets: "pab_" + 32 random bytes (base64url). The prefix lets a leaked one be recognised. */
export const WEBHOOK_SECRET_PREFIX = "pab_";
/** Anything longer than this in an Authorization header is not one of our secrets. */
const SECRET_MAX = 200;
/** MQTT payloads larger than this are not button presses. */
export const MQTT_PAYLOAD_MAX = 4096;

export interface AlarmButtonRow {
  id: string;
  name: string;
  locationId: string;
  locationName: string;
  roomId: string;
  roomName: string;
  level: AlarmLevel;
  /** Null for a webhook-only button (and after revoking: the topic is freed). */
  mqttTopic: string | null;
  webhook: boolean;
  createdAt: string;
  revokedAt: string | null;
}

export interface RegisterButtonInput {
  name: string;
  locationId: string;
  roomId: string;
  level: AlarmLevel;
  /** Optional: the topic the button publishes to. */
  mqttTopic?: string | null;
  /** Issue a webhook secret. */
  webhook: boolean;
}

/**
 * Whether a string can be subscribed to as one button's topic: no wildcards (`+`, `#`), no control
 * characters, no leading `$` (broker-internal topics), no empty levels at either end, at most
 * MQTT_TOPIC_MAX. Inner spaces are fine (zigbee2mqtt friendly names may have them).
 * Returns the error code or null.
 */
export function topicProblem(topic: string): "required" | "too_long" | "wildcard" | "invalid" | null {
  if (!topic) return "required";
  if (topic.length > MQTT_TOPIC_MAX) return "too_long";
  if (/[+#]/.test(topic)) return "wildcard";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused here
  if (/[\u0000-\u001f\u007f]/.test(topic) || topic.startsWith("$") || topic !== topic.trim()) return "invalid";
  if (topic.startsWith("/") || topic.endsWith("/") || topic.includes("//")) return "invalid";
  return null;
}

const rowSelect = {
  id: true,
  name: true,
  locationId: true,
  roomId: true,
  level: true,
  mqttTopic: true,
  secretHash: true,
  createdAt: true,
  revokedAt: true,
  location: { select: { name: true } },
  room: { select: { name: true } },
} as const;

type ButtonRecord = {
  id: string;
  name: string;
  locationId: string;
  roomId: string;
  level: AlarmLevel;
  mqttTopic: string | null;
  secretHash: string | null;
  createdAt: Date;
  revokedAt: Date | null;
  location: { name: string };
  room: { name: string };
};

function toRow(b: ButtonRecord): AlarmButtonRow {
  return {
    id: b.id,
    name: b.name,
    locationId: b.locationId,
    locationName: b.location.name,
    roomId: b.roomId,
    roomName: b.room.name,
    level: b.level,
    mqttTopic: b.mqttTopic,
    webhook: !!b.secretHash && !b.revokedAt,
    createdAt: b.createdAt.toISOString(),
    revokedAt: b.revokedAt?.toISOString() ?? null,
  };
}

/**
 * Registers a button for a room. Returns the webhook secret once (null without a webhook); only
 * its hash is kept. A taken topic answers VALIDATION with `mqttTopic: ["taken"]`.
 */
export async function registerAlarmButton(
  ctx: DomainContext,
  actor: Actor,
  input: RegisterButtonInput,
): Promise<{ button: AlarmButtonRow; secret: string | null }> {
  requirePermission(actor, "alarm_buttons.manage");
  const name = input.name.trim();
  const topic = input.mqttTopic?.trim() || null;
  const errors: Record<string, string[]> = {};
  if (!name) errors.name = ["required"];
  else if (name.length > BUTTON_NAME_MAX) errors.name = ["too_long"];
  if (!BUTTON_LEVELS.includes(input.level)) errors.level = ["invalid"];
  if (topic) {
    const problem = topicProblem(topic);
    if (problem) errors.mqttTopic = [problem];
  }
  if (!topic && !input.webhook) errors.mqttTopic = ["topic_or_webhook"];
  if (!canSeeLocation(actor, input.locationId)) errors.locationId = ["unknown"];
  if (Object.keys(errors).length) throw new AppError("VALIDATION", "Invalid button", errors);

  const secret = input.webhook ? `${WEBHOOK_SECRET_PREFIX}${randomToken(32)}` : null;
  const now = ctx.clock.now();
  const button = await ctx.db.$transaction(async (tx) => {
    const room = await tx.room.findUnique({ where: { id: input.roomId }, select: { locationId: true } });
    if (!room || room.locationId !== input.locationId) {
      throw new AppError("VALIDATION", "Unknown room", { roomId: ["unknown"] });
    }
    if (topic && (await tx.alarmButton.findUnique({ where: { mqttTopic: topic }, select: { id: true } }))) {
      throw new AppError("VALIDATION", "Topic taken", { mqttTopic: ["taken"] });
    }
    const created = await tx.alarmButton.create({
      data: {
        name,
        locationId: input.locationId,
        roomId: input.roomId,
        level: input.level,
        mqttTopic: topic,
        secretHash: secret ? sha256(secret) : null,
        createdAt: now,
      },
      select: rowSelect,
    });
    await recordAudit(tx, actor, {
      action: "alarm_button.registered",
      subjectType: "AlarmButton",
      subjectId: created.id,
      locationId: created.locationId,
      // Never the secret, not even a part of it.
      data: { name, roomId: created.roomId, level: created.level, mqttTopic: topic, webhook: !!secret },
      at: now,
    });
    return created;
  });
  ctx.events.publish("alarm_button.changed", { buttonId: button.id, locationId: button.locationId });
  return { button: toRow(button), secret };
}

/** Revokes a button: its topic is unsubscribed and freed, its secret stops working. */
export async function revokeAlarmButton(ctx: DomainContext, actor: Actor, buttonId: string): Promise<AlarmButtonRow> {
  requirePermission(actor, "alarm_buttons.manage");
  const now = ctx.clock.now();
  const button = await ctx.db.$transaction(async (tx) => {
    const b = await tx.alarmButton.findUnique({ where: { id: buttonId }, select: rowSelect });
    if (!b || !canSeeLocation(actor, b.locationId)) throw new AppError("NOT_FOUND");
    if (b.revokedAt) return b;
    // The secret's hash stays (unique, random): a revoked button that still calls is recognised in the log.
    const updated = await tx.alarmButton.update({
      where: { id: buttonId },
      data: { revokedAt: now, mqttTopic: null },
      select: rowSelect,
    });
    await recordAudit(tx, actor, {
      action: "alarm_button.revoked",
      subjectType: "AlarmButton",
      subjectId: b.id,
      locationId: b.locationId,
      data: { name: b.name, mqttTopic: b.mqttTopic },
      at: now,
    });
    return updated;
  });
  ctx.events.publish("alarm_button.changed", { buttonId: button.id, locationId: button.locationId });
  return toRow(button);
}

/** Buttons at the locations the actor may see, active first. */
export async function listAlarmButtons(ctx: DomainContext, actor: Actor): Promise<AlarmButtonRow[]> {
  requirePermission(actor, "alarm_buttons.manage");
  const scope = actor.type === "STAFF" && actor.role !== "ADMIN" ? { locationId: { in: actor.locationIds } } : {};
  const rows = await ctx.db.alarmButton.findMany({
    where: scope,
    select: rowSelect,
    orderBy: [{ locationId: "asc" }, { name: "asc" }, { createdAt: "asc" }],
  });
  return rows
    .filter((b) => canSeeLocation(actor, b.locationId))
    .map(toRow)
    .sort((a, b) => Number(!!a.revokedAt) - Number(!!b.revokedAt));
}

/** The topics the MQTT listener must be subscribed to: every active button's. */
export async function activeButtonTopics(db: Db): Promise<string[]> {
  const rows = await db.alarmButton.findMany({
    where: { revokedAt: null, mqttTopic: { not: null } },
    select: { mqttTopic: true },
  });
  return rows.map((r) => r.mqttTopic as string).sort();
}

export interface ButtonPress {
  source: "BUTTON_MQTT" | "BUTTON_WEBHOOK";
  /** Overrides the button's own level (an explicit `{"level": …}` in the payload or body). */
  level?: AlarmLevel;
}

/** Raises (or joins) the room's alarm for an active button. FORBIDDEN for a revoked one. */
export async function pressButton(
  ctx: DomainContext,
  button: { id: string; locationId: string; roomId: string; level: AlarmLevel },
  press: ButtonPress,
): Promise<{ alarm: AlarmView; joined: boolean }> {
  return raiseAlarm(ctx, systemActor, {
    locationId: button.locationId,
    roomId: button.roomId,
    level: press.level ?? button.level,
    source: press.source,
    buttonId: button.id,
  });
}

/** The active button behind an MQTT topic, or null (unknown topic, or revoked). */
export async function buttonByTopic(db: Db, topic: string) {
  if (!topic || topic.length > MQTT_TOPIC_MAX) return null;
  const b = await db.alarmButton.findUnique({ where: { mqttTopic: topic } });
  return b && !b.revokedAt ? b : null;
}

/** The secret in an `Authorization: Bearer <secret>` header, or null when there is none. */
export function bearerSecret(header: string | null | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  if (!m || m[1].length > SECRET_MAX) return null;
  return m[1];
}

export type SecretCheck =
  | { ok: true; button: { id: string; locationId: string; roomId: string; level: AlarmLevel; name: string } }
  | { ok: false; reason: "missing" | "unknown" | "revoked"; buttonId?: string };

/**
 * Finds the button a webhook secret belongs to. The lookup is by SHA-256 through the unique index:
 * the time it takes does not depend on how much of a secret is right.
 */
export async function buttonBySecret(db: Db, secret: string | null): Promise<SecretCheck> {
  if (!secret) return { ok: false, reason: "missing" };
  const b = await db.alarmButton.findUnique({ where: { secretHash: sha256(secret) } });
  if (!b) return { ok: false, reason: "unknown" };
  if (b.revokedAt) return { ok: false, reason: "revoked", buttonId: b.id };
  return { ok: true, button: b };
}

// ---------------------------------------------------------------------------------------------
// Webhook authentication

/** Failed webhook calls per client address within the throttle window before it is blocked. */
export const WEBHOOK_FAILURE_LIMIT = 20;
export const webhookAddressKey = (address: string) => `alarm-webhook:address:${address}`;

export type WebhookAuth =
  | { ok: true; button: { id: string; locationId: string; roomId: string; level: AlarmLevel; name: string } }
  | { ok: false; code: "UNAUTHORIZED" | "RATE_LIMITED"; reason: "missing" | "unknown" | "revoked"; retryAt?: Date };

/**
 * Authenticates a webhook call. A valid secret always wins, also from a blocked address: the
 * throttle must never hold back a real alarm (and a 256-bit secret cannot be guessed anyway); it
 * stops a flood of wrong calls from filling the audit log. Each rejected call (until the address
 * is blocked) leaves an audit event with the client address and the reason, never the secret.
 */
export async function authenticateWebhook(
  ctx: DomainContext,
  input: { secret: string | null; address: string },
): Promise<WebhookAuth> {
  const check = await buttonBySecret(ctx.db, input.secret);
  if (check.ok) return check;
  const now = ctx.clock.now();
  const key = webhookAddressKey(input.address);
  const until = await blockedUntil(ctx.db, [key], now);
  if (until) return { ok: false, code: "RATE_LIMITED", reason: check.reason, retryAt: until };
  await recordFailure(ctx.db, [{ key, limit: WEBHOOK_FAILURE_LIMIT }], now);
  const button = check.buttonId
    ? await ctx.db.alarmButton.findUnique({ where: { id: check.buttonId }, select: { locationId: true } })
    : null;
  await ctx.db.$transaction((tx) =>
    recordAudit(tx, systemActor, {
      action: "alarm_button.webhook_rejected",
      subjectType: check.buttonId ? "AlarmButton" : undefined,
      subjectId: check.buttonId,
      locationId: button?.locationId ?? null,
      data: { address: input.address, reason: check.reason },
      at: now,
    }),
  );
  const blocked = await blockedUntil(ctx.db, [key], now);
  return blocked
    ? { ok: false, code: "RATE_LIMITED", reason: check.reason, retryAt: blocked }
    : { ok: false, code: "UNAUTHORIZED", reason: check.reason };
}

// ---------------------------------------------------------------------------------------------
// MQTT payloads (pure)

/** Actions that are the end of a press, not a press (a hold is followed by a release). */
const RELEASE = /(^|_)release$/i;
/** zigbee2mqtt actions we know as presses; any other non-empty action also counts, but is logged. */
const KNOWN_ACTIONS = new Set([
  "single",
  "double",
  "triple",
  "quadruple",
  "hold",
  "long",
  "press",
  "on",
  "toggle",
  "emergency",
  "panic",
]);

export type ParsedButtonPayload =
  | { kind: "press"; level?: AlarmLevel; action: string | null; unknownAction: boolean; badLevel: boolean }
  /** Well-formed but not a press: a state report (battery, link quality) or a release. */
  | { kind: "ignore"; reason: "no_action" | "release" }
  | { kind: "malformed"; reason: "too_large" | "not_json" | "not_object" | "bad_action" };

/**
 * What an MQTT message on a button's topic means. zigbee2mqtt publishes JSON like
 * `{"action":"single"}`, `{"action":"hold"}` and also plain state reports (`{"battery":97}`):
 * any non-empty action is a press (unknown ones are flagged for the log), a release is not, and
 * an explicit `{"level":"ASSISTANCE"|"EMERGENCY"}` is a press at that level.
 */
export function parseButtonPayload(payload: Buffer | string): ParsedButtonPayload {
  const size = typeof payload === "string" ? Buffer.byteLength(payload) : payload.byteLength;
  if (size > MQTT_PAYLOAD_MAX) return { kind: "malformed", reason: "too_large" };
  let json: unknown;
  try {
    json = JSON.parse(payload.toString());
  } catch {
    return { kind: "malformed", reason: "not_json" };
  }
  if (!json || typeof json !== "object" || Array.isArray(json)) return { kind: "malformed", reason: "not_object" };
  const o = json as Record<string, unknown>;
  const hasLevel = o.level !== undefined && o.level !== null;
  const level = BUTTON_LEVELS.find((l) => l === o.level);
  const badLevel = hasLevel && !level;
  const action = o.action;
  if (action === undefined || action === null || action === "") {
    if (level) return { kind: "press", level, action: null, unknownAction: false, badLevel: false };
    if (badLevel) return { kind: "malformed", reason: "bad_action" };
    return { kind: "ignore", reason: "no_action" };
  }
  if (typeof action !== "string" || action.length > 100) return { kind: "malformed", reason: "bad_action" };
  if (RELEASE.test(action)) return { kind: "ignore", reason: "release" };
  return {
    kind: "press",
    ...(level ? { level } : {}),
    action,
    unknownAction: !KNOWN_ACTIONS.has(action.toLowerCase()),
    badLevel,
  };
}
