// Subject requests (AVG/GDPR art. 15 access and art. 17 erasure) for the privacy officer (role
// PRIVACY, permission privacy.subject_requests): find one person, gather everything Portier holds
// about them into one plain object, export it (JSON, PDF: subject-export-pdf.ts), and erase a
// visitor where no legal hold applies. Every step is an audit event.
//
// What belongs to a person follows the relations retention.ts documents:
// - a visitor: the Visitor row; their visits (with risk checks) and desk alerts of those visits;
//   appointments; house-rules acceptances; bans naming them (by visitor id, client pass, document
//   hash, or name plus date of birth as ban matching does); audit events whose subject is the
//   visitor, one of their visits, appointments, desk alerts or bans.
// - a staff member: the StaffMember row (without the password hash and badge hash: only whether
//   they exist), locations, presence, incident-team weeks, alarm pages, appointments hosted (time,
//   place and status: never the visitor or purpose, that is someone else's data), audit events
//   where they are the actor or the subject.
//
// Legal holds on erasure: a ban still in force naming the visitor (not ended, end in the future —
// also one that has yet to start), or an incident registration that is not CLOSED referring to
// one of their visits. (Also, for the evacuation register: a visit still open — the visitor is in
// the building — holds until they are checked out.) Incidents link to alarms only (not to visits), so "refers to their visit"
// is derived: an incident at the visit's location that occurred while the visitor was in the
// building (check-in up to check-out, or now while still in), unless its alarm was raised in a
// known room other than the visit's known room.
//
// The searched document number is hashed at once (HMAC, as the kiosk does) and never stored,
// logged or written to the audit trail.

import type { Actor } from "@/src/domain/access/actor";
import { requirePermission } from "@/src/domain/access/permissions";
import { recordAudit } from "@/src/domain/audit/record-audit";
import { nameKey } from "@/src/domain/bans/ban-match";
import { hmac } from "@/src/domain/crypto";
import type { DomainContext, Tx } from "@/src/domain/db";
import { containsText } from "@/src/domain/db-provider";
import { AppError } from "@/src/domain/errors";
import { documentHashKey } from "@/src/domain/visits/mrz";
import { parsePass } from "@/src/domain/visits/scan-classify";
import type { Prisma } from "@/src/generated/prisma/client";

export type SubjectKind = "visitor" | "staff";
export const SUBJECT_KINDS = ["visitor", "staff"] as const;

export type SubjectSearch =
  | { by: "name"; name: string; dateOfBirth?: string | null }
  | { by: "pass"; passId: string }
  | { by: "document"; documentNumber: string; issuingState: string }
  | { by: "staff"; query: string };

export interface SubjectHit {
  kind: SubjectKind;
  id: string;
  name: string;
  /** Visitor: date of birth if known; staff member: e-mail address. */
  detail: string | null;
  hasPass?: boolean;
  active?: boolean;
}

const SEARCH_LIMIT = 50;
const subjectType = (kind: SubjectKind) => (kind === "visitor" ? "Visitor" : "StaffMember");
const fullName = (first: string, last: string | null) => [first, last].filter(Boolean).join(" ");
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

function privacyOfficer(actor: Actor | null): Actor {
  return requirePermission(actor, "privacy.subject_requests");
}

/** The keyed hash the kiosk stores for a document (see kiosk-check-in.ts), computed from what staff type. */
export const documentHashOf = (hmacKey: string, documentNumber: string, issuingState: string) =>
  hmac(hmacKey, documentHashKey(documentNumber, issuingState));

/** Finds people (at most 50). The search itself is audited: how, and the ids found — never the query. */
export async function findSubjects(ctx: DomainContext, actorIn: Actor | null, search: SubjectSearch) {
  const actor = privacyOfficer(actorIn);
  const now = ctx.clock.now();
  let hits: SubjectHit[];
  if (search.by === "staff") {
    const words = search.query.trim().split(/\s+/).filter(Boolean).slice(0, 4);
    const rows = words.length
      ? await ctx.db.staffMember.findMany({
          where: {
            AND: words.map((w) => ({ OR: [{ name: containsText(ctx.db, w) }, { email: containsText(ctx.db, w) }] })),
          },
          select: { id: true, name: true, email: true, active: true },
          orderBy: { name: "asc" },
          take: SEARCH_LIMIT,
        })
      : [];
    hits = rows.map((s) => ({ kind: "staff", id: s.id, name: s.name, detail: s.email, active: s.active }));
  } else {
    let where: Prisma.VisitorWhereInput | null;
    if (search.by === "pass") {
      const passId = parsePass(search.passId);
      where = passId ? { passId } : null;
    } else if (search.by === "document") {
      where = { documentHash: documentHashOf(ctx.hmacKey, search.documentNumber, search.issuingState) };
    } else {
      const words = search.name.trim().split(/\s+/).filter(Boolean).slice(0, 4);
      where = words.length
        ? {
            AND: [
              ...words.map((w) => ({
                OR: [{ firstName: containsText(ctx.db, w) }, { lastName: containsText(ctx.db, w) }],
              })),
              ...(search.dateOfBirth ? [{ dateOfBirth: search.dateOfBirth }] : []),
            ],
          }
        : null;
    }
    const rows = where
      ? await ctx.db.visitor.findMany({
          where,
          select: { id: true, firstName: true, lastName: true, dateOfBirth: true, passId: true },
          orderBy: [{ lastName: "asc" }, { firstName: "asc" }],
          take: SEARCH_LIMIT,
        })
      : [];
    hits = rows.map((v) => ({
      kind: "visitor",
      id: v.id,
      name: fullName(v.firstName, v.lastName),
      detail: v.dateOfBirth,
      hasPass: !!v.passId,
    }));
  }
  await ctx.db.$transaction((tx) =>
    recordAudit(tx, actor, {
      action: "privacy.subjects_searched",
      subjectType: search.by === "staff" ? "StaffMember" : "Visitor",
      data: {
        by: search.by,
        ...(search.by === "name" ? { withDateOfBirth: !!search.dateOfBirth } : {}),
        found: hits.map((h) => h.id),
      },
      at: now,
    }),
  );
  return hits;
}

// ---------------------------------------------------------------------------------------------
// What Portier holds about one person.

export type ExportAuditEvent = {
  id: number;
  at: string;
  actorType: string;
  actorId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  locationId: string | null;
  data: unknown;
};

export interface VisitorData {
  kind: "visitor";
  generatedAt: string;
  visitor: {
    id: string;
    firstName: string;
    lastName: string | null;
    dateOfBirth: string | null;
    age: number | null;
    nationalityGroup: string | null;
    passId: string | null;
    passIssuedAt: string | null;
    documentType: string | null;
    documentVerifiedAt: string | null;
    /** A keyed hash of an identity document's number is held (never the number itself). */
    hasDocumentHash: boolean;
    needsEvacuationHelp: boolean;
    lastVisitAt: string | null;
    createdAt: string;
    updatedAt: string;
  };
  visits: {
    id: string;
    location: string;
    room: string | null;
    host: string | null;
    method: string;
    status: string;
    purpose: string | null;
    checkedInAt: string;
    pickedUpAt: string | null;
    checkedOutAt: string | null;
    risky: boolean;
    banAlert: boolean;
    rulesVersion: number | null;
    rulesDeclined: boolean;
    waitAlertLevel: number;
    language: string | null;
    appointmentId: string | null;
  }[];
  appointments: {
    id: string;
    location: string;
    room: string | null;
    host: string;
    startsAt: string;
    endsAt: string | null;
    purpose: string | null;
    risky: boolean;
    status: string;
    inviteUsedAt: string | null;
    createdAt: string;
  }[];
  houseRulesAcceptances: { location: string; version: number; language: string; acceptedAt: string }[];
  bans: {
    id: string;
    location: string;
    scope: string;
    matchedBy: string[];
    displayName: string;
    reasonCategory: string;
    startsAt: string;
    endsAt: string;
    reviewAt: string;
    endedAt: string | null;
    inForce: boolean;
    notes: string | null;
    createdAt: string;
  }[];
  deskAlerts: {
    id: string;
    visitId: string | null;
    location: string;
    kind: string;
    data: unknown;
    createdAt: string;
    acknowledgedAt: string | null;
  }[];
  riskChecks: {
    id: string;
    visitId: string;
    promptedAt: string;
    answeredAt: string | null;
    ok: boolean | null;
  }[];
  /**
   * Incident registrations that name the visitor: what, when and where, and the answer given to
   * them. The description and the staff involved are others' data too; the privacy officer
   * weighs their release (AVG art. 15(4)) with the incident in view.
   */
  incidents: {
    id: string;
    location: string;
    occurredAt: string;
    status: string;
    category: string | null;
    endedEarly: boolean | null;
    responseKind: string | null;
    responseAt: string | null;
    banId: string | null;
    hasDescription: boolean;
  }[];
  auditEvents: ExportAuditEvent[];
}

export interface StaffData {
  kind: "staff";
  generatedAt: string;
  staff: {
    id: string;
    name: string;
    email: string;
    role: string;
    locale: string;
    active: boolean;
    createdAt: string;
    updatedAt: string;
    /** A password hash (argon2id) exists; it is never exported. */
    hasPasswordHash: boolean;
    /** A keyed hash of a badge code exists; it is never exported. */
    hasBadgeHash: boolean;
  };
  locations: { id: string; name: string }[];
  presence: {
    id: string;
    location: string;
    signedInAt: string;
    signedInBy: string;
    signedOutAt: string | null;
    signedOutBy: string | null;
    confirmedAt: string | null;
  }[];
  incidentTeamWeeks: { location: string; weekStart: string }[];
  alarmPages: {
    alarmId: string;
    location: string;
    level: string;
    test: boolean;
    round: number;
    pagedAt: string;
    deliveredAt: string | null;
    seenAt: string | null;
    respondedAt: string | null;
    response: string | null;
  }[];
  /** Appointments they host: when and where only (the visitor and the purpose are someone else's data). */
  appointmentsHosted: { id: string; location: string; startsAt: string; endsAt: string | null; status: string }[];
  /** Incidents they were affected by (with the aftercare they were offered) or registered. */
  incidents: {
    id: string;
    location: string;
    occurredAt: string;
    status: string;
    category: string | null;
    affected: boolean;
    registered: boolean;
    aftercare: { kind: string; dueAt: string; doneAt: string | null; outcome: string | null }[];
  }[];
  auditEvents: ExportAuditEvent[];
}

export type SubjectData = VisitorData | StaffData;

function auditRow(e: {
  id: number;
  at: Date;
  actorType: string;
  actorId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  locationId: string | null;
  data: string | null;
}): ExportAuditEvent {
  let data: unknown = null;
  if (e.data) {
    try {
      data = JSON.parse(e.data);
    } catch {
      data = e.data;
    }
  }
  return {
    id: e.id,
    at: e.at.toISOString(),
    actorType: e.actorType,
    actorId: e.actorId,
    action: e.action,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    locationId: e.locationId,
    data,
  };
}

type Reader = Tx | DomainContext["db"];

/** Bans that name the visitor: by visitor id, client pass, document hash, or name plus date of birth. */
async function bansNaming(
  db: Reader,
  v: {
    id: string;
    passId: string | null;
    documentHash: string | null;
    firstName: string;
    lastName: string | null;
    dateOfBirth: string | null;
  },
) {
  const or: Prisma.BanWhereInput[] = [{ visitorId: v.id }];
  if (v.passId) or.push({ passId: v.passId });
  if (v.documentHash) or.push({ documentHash: v.documentHash });
  const key = v.lastName && v.dateOfBirth ? nameKey(v.firstName, v.lastName) : "";
  if (key) or.push({ nameKey: key, dateOfBirth: v.dateOfBirth });
  const bans = await db.ban.findMany({ where: { OR: or }, orderBy: { startsAt: "asc" } });
  return bans.map((b) => ({
    ban: b,
    matchedBy: [
      b.visitorId === v.id ? "visitor" : null,
      v.passId && b.passId === v.passId ? "pass" : null,
      v.documentHash && b.documentHash === v.documentHash ? "document" : null,
      key && b.nameKey === key && b.dateOfBirth === v.dateOfBirth ? "nameAndDateOfBirth" : null,
    ].filter((x): x is string => x !== null),
  }));
}

/** A ban holds the data while it is still in force: not ended and its end still ahead (started or not). */
const banInForce = (b: { endedAt: Date | null; endsAt: Date }, now: Date) => !b.endedAt && b.endsAt > now;

/** A staff member's pages with their alarms' location, level and test flag (AlarmPage has no relations: see the schema). */
async function alarmPagesOf(db: Reader, staffId: string) {
  const pages = await db.alarmPage.findMany({ where: { staffId }, orderBy: { pagedAt: "asc" } });
  const alarms = await db.alarm.findMany({
    where: { id: { in: [...new Set(pages.map((p) => p.alarmId))] } },
    select: { id: true, locationId: true, level: true, test: true },
  });
  const alarmOf = new Map(alarms.map((a) => [a.id, a]));
  return pages.flatMap((p) => {
    const alarm = alarmOf.get(p.alarmId);
    return alarm ? [{ ...p, alarm }] : [];
  });
}

async function locationNames(db: Reader): Promise<Map<string, string>> {
  return new Map((await db.location.findMany({ select: { id: true, name: true } })).map((l) => [l.id, l.name]));
}

async function gatherVisitor(db: Reader, id: string, now: Date): Promise<VisitorData> {
  const v = await db.visitor.findUnique({ where: { id } });
  if (!v) throw new AppError("NOT_FOUND");
  const places = await locationNames(db);
  const place = (locationId: string) => places.get(locationId) ?? locationId;
  const visits = await db.visit.findMany({
    where: { visitorId: id },
    include: { room: { select: { name: true } }, host: { select: { name: true } }, riskChecks: true },
    orderBy: { checkedInAt: "asc" },
  });
  const visitIds = visits.map((x) => x.id);
  const appointments = await db.appointment.findMany({
    where: { visitorId: id },
    include: { room: { select: { name: true } }, host: { select: { name: true } } },
    orderBy: { startsAt: "asc" },
  });
  const acceptances = await db.rulesAcceptance.findMany({ where: { visitorId: id }, orderBy: { acceptedAt: "asc" } });
  const bans = await bansNaming(db, v);
  const alerts = visitIds.length
    ? await db.deskAlert.findMany({ where: { visitId: { in: visitIds } }, orderBy: { createdAt: "asc" } })
    : [];
  const incidents = await db.incident.findMany({ where: { visitorId: id }, orderBy: { occurredAt: "asc" } });
  const subjects: Prisma.AuditEventWhereInput[] = [
    { subjectType: "Visitor", subjectId: id },
    { subjectType: "Visit", subjectId: { in: visitIds } },
    { subjectType: "Appointment", subjectId: { in: appointments.map((a) => a.id) } },
    { subjectType: "DeskAlert", subjectId: { in: alerts.map((a) => a.id) } },
    { subjectType: "Ban", subjectId: { in: bans.map((b) => b.ban.id) } },
  ];
  const audit = await db.auditEvent.findMany({ where: { OR: subjects }, orderBy: { id: "asc" } });
  return {
    kind: "visitor",
    generatedAt: now.toISOString(),
    visitor: {
      id: v.id,
      firstName: v.firstName,
      lastName: v.lastName,
      dateOfBirth: v.dateOfBirth,
      age: v.age,
      nationalityGroup: v.nationalityGroup,
      passId: v.passId,
      passIssuedAt: iso(v.passIssuedAt),
      documentType: v.documentType,
      documentVerifiedAt: iso(v.documentVerifiedAt),
      hasDocumentHash: !!v.documentHash,
      needsEvacuationHelp: v.needsEvacuationHelp,
      lastVisitAt: iso(v.lastVisitAt),
      createdAt: v.createdAt.toISOString(),
      updatedAt: v.updatedAt.toISOString(),
    },
    visits: visits.map((x) => ({
      id: x.id,
      location: place(x.locationId),
      room: x.room?.name ?? null,
      host: x.host?.name ?? null,
      method: x.method,
      status: x.status,
      purpose: x.purpose,
      checkedInAt: x.checkedInAt.toISOString(),
      pickedUpAt: iso(x.pickedUpAt),
      checkedOutAt: iso(x.checkedOutAt),
      risky: x.risky,
      banAlert: x.banAlert,
      rulesVersion: x.rulesVersion,
      rulesDeclined: x.rulesDeclined,
      waitAlertLevel: x.waitAlertLevel,
      language: x.language,
      appointmentId: x.appointmentId,
    })),
    appointments: appointments.map((a) => ({
      id: a.id,
      location: place(a.locationId),
      room: a.room?.name ?? null,
      host: a.host.name,
      startsAt: a.startsAt.toISOString(),
      endsAt: iso(a.endsAt),
      purpose: a.purpose,
      risky: a.risky,
      status: a.status,
      inviteUsedAt: iso(a.inviteUsedAt),
      createdAt: a.createdAt.toISOString(),
    })),
    houseRulesAcceptances: acceptances.map((r) => ({
      location: place(r.locationId),
      version: r.version,
      language: r.language,
      acceptedAt: r.acceptedAt.toISOString(),
    })),
    bans: bans.map(({ ban: b, matchedBy }) => ({
      id: b.id,
      location: place(b.locationId),
      scope: b.scope,
      matchedBy,
      displayName: b.displayName,
      reasonCategory: b.reasonCategory,
      startsAt: b.startsAt.toISOString(),
      endsAt: b.endsAt.toISOString(),
      reviewAt: b.reviewAt.toISOString(),
      endedAt: iso(b.endedAt),
      inForce: banInForce(b, now),
      notes: b.notes,
      createdAt: b.createdAt.toISOString(),
    })),
    deskAlerts: alerts.map((a) => ({
      id: a.id,
      visitId: a.visitId,
      location: place(a.locationId),
      kind: a.kind,
      data: safeJson(a.data),
      createdAt: a.createdAt.toISOString(),
      acknowledgedAt: iso(a.acknowledgedAt),
    })),
    riskChecks: visits.flatMap((x) =>
      x.riskChecks.map((r) => ({
        id: r.id,
        visitId: r.visitId,
        promptedAt: r.promptedAt.toISOString(),
        answeredAt: iso(r.answeredAt),
        ok: r.ok,
      })),
    ),
    incidents: incidents.map((i) => ({
      id: i.id,
      location: place(i.locationId),
      occurredAt: i.occurredAt.toISOString(),
      status: i.status,
      category: i.category,
      endedEarly: i.endedEarly,
      responseKind: i.responseKind,
      responseAt: iso(i.responseAt),
      banId: i.banId,
      hasDescription: !!i.description,
    })),
    auditEvents: audit.map(auditRow),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function gatherStaff(db: Reader, id: string, now: Date): Promise<StaffData> {
  const s = await db.staffMember.findUnique({
    where: { id },
    include: { locations: { include: { location: { select: { id: true, name: true } } } } },
  });
  if (!s) throw new AppError("NOT_FOUND");
  const places = await locationNames(db);
  const place = (locationId: string) => places.get(locationId) ?? locationId;
  const [presence, weeks, pages, hosted, incidents, audit] = await Promise.all([
    db.staffPresence.findMany({ where: { staffId: id }, orderBy: { signedInAt: "asc" } }),
    db.incidentTeamMember.findMany({ where: { staffId: id }, orderBy: { weekStart: "asc" } }),
    alarmPagesOf(db, id),
    db.appointment.findMany({
      where: { hostId: id },
      select: { id: true, locationId: true, startsAt: true, endsAt: true, status: true },
      orderBy: { startsAt: "asc" },
    }),
    db.incident.findMany({
      where: { OR: [{ affectedStaffId: id }, { registeredById: id }] },
      include: { aftercare: { orderBy: { dueAt: "asc" } } },
      orderBy: { occurredAt: "asc" },
    }),
    db.auditEvent.findMany({
      where: {
        OR: [
          { actorType: "STAFF", actorId: id },
          { subjectType: "StaffMember", subjectId: id },
        ],
      },
      orderBy: { id: "asc" },
    }),
  ]);
  return {
    kind: "staff",
    generatedAt: now.toISOString(),
    staff: {
      id: s.id,
      name: s.name,
      email: s.email,
      role: s.role,
      locale: s.locale,
      active: s.active,
      createdAt: s.createdAt.toISOString(),
      updatedAt: s.updatedAt.toISOString(),
      hasPasswordHash: !!s.passwordHash,
      hasBadgeHash: !!s.badgeHash,
    },
    locations: s.locations.map((l) => ({ id: l.location.id, name: l.location.name })),
    presence: presence.map((p) => ({
      id: p.id,
      location: place(p.locationId),
      signedInAt: p.signedInAt.toISOString(),
      signedInBy: p.signedInBy,
      signedOutAt: iso(p.signedOutAt),
      signedOutBy: p.signedOutBy,
      confirmedAt: iso(p.confirmedAt),
    })),
    incidentTeamWeeks: weeks.map((w) => ({ location: place(w.locationId), weekStart: w.weekStart })),
    alarmPages: pages.map((p) => ({
      alarmId: p.alarmId,
      location: place(p.alarm.locationId),
      level: p.alarm.level,
      test: p.alarm.test,
      round: p.round,
      pagedAt: p.pagedAt.toISOString(),
      deliveredAt: iso(p.deliveredAt),
      seenAt: iso(p.seenAt),
      respondedAt: iso(p.respondedAt),
      response: p.response,
    })),
    appointmentsHosted: hosted.map((a) => ({
      id: a.id,
      location: place(a.locationId),
      startsAt: a.startsAt.toISOString(),
      endsAt: iso(a.endsAt),
      status: a.status,
    })),
    incidents: incidents.map((i) => {
      const affected = i.affectedStaffId === id;
      return {
        id: i.id,
        location: place(i.locationId),
        occurredAt: i.occurredAt.toISOString(),
        status: i.status,
        category: i.category,
        affected,
        registered: i.registeredById === id,
        // The aftercare offered is about the person affected, not about who registered it.
        aftercare: affected
          ? i.aftercare.map((a) => ({
              kind: a.kind,
              dueAt: a.dueAt.toISOString(),
              doneAt: iso(a.doneAt),
              outcome: a.outcome,
            }))
          : [],
      };
    }),
    auditEvents: audit.map(auditRow),
  };
}

const gather = (db: Reader, kind: SubjectKind, id: string, now: Date) =>
  kind === "visitor" ? gatherVisitor(db, id, now) : gatherStaff(db, id, now);

/** Everything about one person, for the overview screen. Audited as a view. */
export async function viewSubject(
  ctx: DomainContext,
  actorIn: Actor | null,
  kind: SubjectKind,
  id: string,
): Promise<SubjectData> {
  const actor = privacyOfficer(actorIn);
  const now = ctx.clock.now();
  return ctx.db.$transaction(async (tx) => {
    const data = await gather(tx, kind, id, now);
    await recordAudit(tx, actor, {
      action: "privacy.subject_viewed",
      subjectType: subjectType(kind),
      subjectId: id,
      at: now,
    });
    return data;
  });
}

/** Everything about one person, to hand over (art. 15). Audited as an export with its format. */
export async function exportSubject(
  ctx: DomainContext,
  actorIn: Actor | null,
  kind: SubjectKind,
  id: string,
  format: "json" | "pdf",
): Promise<SubjectData> {
  const actor = privacyOfficer(actorIn);
  const now = ctx.clock.now();
  return ctx.db.$transaction(async (tx) => {
    const data = await gather(tx, kind, id, now);
    await recordAudit(tx, actor, {
      action: "privacy.subject_exported",
      subjectType: subjectType(kind),
      subjectId: id,
      data: { format },
      at: now,
    });
    return data;
  });
}

// ---------------------------------------------------------------------------------------------
// Erasure (art. 17): visitors only. Staff members are deactivated by an admin instead.

export type HoldReason = "ban" | "incident" | "present";

export interface ErasurePlan {
  visitorId: string;
  name: string;
  holds: { reason: HoldReason; id: string; location: string; until: string | null }[];
  /** What erasing deletes (counts). */
  deletes: {
    visits: number;
    riskChecks: number;
    deskAlerts: number;
    appointments: number;
    houseRulesAcceptances: number;
    endedBans: number;
    scheduledJobs: number;
  };
  /** Audit events about them are kept (the trail is append-only); they hold ids, not names. */
  auditEventsKept: number;
}

async function planErasure(tx: Tx, visitorId: string, now: Date): Promise<ErasurePlan> {
  const v = await tx.visitor.findUnique({ where: { id: visitorId } });
  if (!v) throw new AppError("NOT_FOUND");
  const places = await locationNames(tx);
  const visits = await tx.visit.findMany({
    where: { visitorId },
    select: {
      id: true,
      locationId: true,
      roomId: true,
      checkedInAt: true,
      checkedOutAt: true,
      status: true,
      _count: { select: { riskChecks: true } },
    },
  });
  const visitIds = visits.map((x) => x.id);
  const bans = await bansNaming(tx, v);
  const holds: ErasurePlan["holds"] = bans
    .filter(({ ban }) => banInForce(ban, now))
    .map(({ ban }) => ({
      reason: "ban",
      id: ban.id,
      location: places.get(ban.locationId) ?? ban.locationId,
      until: ban.endsAt.toISOString(),
    }));
  // Someone still in the building stays on the attendance (evacuation) register until checked out.
  for (const x of visits) {
    if (x.status === "WAITING" || x.status === "WITH_HOST")
      holds.push({ reason: "present", id: x.id, location: places.get(x.locationId) ?? x.locationId, until: null });
  }

  // Incidents link alarms, not visits: see the module comment for how "their visit" is derived.
  if (visits.length) {
    const incidents = await tx.incident.findMany({
      where: { status: { not: "CLOSED" }, locationId: { in: [...new Set(visits.map((x) => x.locationId))] } },
      select: { id: true, locationId: true, alarmId: true, occurredAt: true },
    });
    const alarmIds = incidents.flatMap((i) => (i.alarmId ? [i.alarmId] : []));
    const alarmRooms = new Map(
      (await tx.alarm.findMany({ where: { id: { in: alarmIds } }, select: { id: true, roomId: true } })).map((a) => [
        a.id,
        a.roomId,
      ]),
    );
    for (const i of incidents) {
      const alarmRoom = i.alarmId ? (alarmRooms.get(i.alarmId) ?? null) : null;
      const during = visits.some(
        (x) =>
          x.locationId === i.locationId &&
          x.checkedInAt <= i.occurredAt &&
          i.occurredAt <= (x.checkedOutAt ?? now) &&
          (!alarmRoom || !x.roomId || alarmRoom === x.roomId),
      );
      if (during)
        holds.push({ reason: "incident", id: i.id, location: places.get(i.locationId) ?? i.locationId, until: null });
    }
  }

  // An incident registration that names the visitor directly (issue 8) holds them too.
  const named = await tx.incident.findMany({
    where: { status: { not: "CLOSED" }, visitorId },
    select: { id: true, locationId: true },
  });
  for (const i of named) {
    if (!holds.some((h) => h.reason === "incident" && h.id === i.id))
      holds.push({ reason: "incident", id: i.id, location: places.get(i.locationId) ?? i.locationId, until: null });
  }

  const appointments = await tx.appointment.count({ where: { visitorId } });
  const alerts = visitIds.length ? await tx.deskAlert.count({ where: { visitId: { in: visitIds } } }) : 0;
  const jobs = visitIds.length
    ? await tx.scheduledJob.count({ where: { status: "PENDING", OR: visitIds.map((id) => jobsOfVisit(id)) } })
    : 0;
  const auditEventsKept = await tx.auditEvent.count({
    where: {
      OR: [
        { subjectType: "Visitor", subjectId: visitorId },
        { subjectType: "Visit", subjectId: { in: visitIds } },
      ],
    },
  });
  return {
    visitorId,
    name: fullName(v.firstName, v.lastName),
    holds,
    deletes: {
      visits: visits.length,
      riskChecks: visits.reduce((n, x) => n + x._count.riskChecks, 0),
      deskAlerts: alerts,
      appointments,
      houseRulesAcceptances: await tx.rulesAcceptance.count({ where: { visitorId } }),
      endedBans: bans.filter(({ ban }) => !banInForce(ban, now)).length,
      scheduledJobs: jobs,
    },
    auditEventsKept,
  };
}

/** A visit's pending follow-ups (wait alerts, risk checks) carry its id in their key (as in retention.ts). */
const jobsOfVisit = (visitId: string) => ({ key: { contains: `:${visitId}:` } });

/** What erasing this visitor would delete, and what holds it back. Read-only (the overview audits the view). */
export async function previewErasure(
  ctx: DomainContext,
  actorIn: Actor | null,
  visitorId: string,
): Promise<ErasurePlan> {
  privacyOfficer(actorIn);
  const now = ctx.clock.now();
  return ctx.db.$transaction((tx) => planErasure(tx, visitorId, now));
}

/**
 * Erases a visitor and everything only about them, in one transaction: visits (their risk checks
 * cascade), desk alerts of those visits, pending jobs of those visits, appointments, house-rules
 * acceptances, bans naming them that are no longer in force, and the visitor record. Refused with
 * CONFLICT (fieldErrors.holds: the reasons) while a legal hold applies. Audit events are kept.
 */
export async function eraseVisitor(ctx: DomainContext, actorIn: Actor | null, visitorId: string) {
  const actor = privacyOfficer(actorIn);
  const now = ctx.clock.now();
  return ctx.db.$transaction(async (tx) => {
    const plan = await planErasure(tx, visitorId, now);
    if (plan.holds.length) {
      await recordAudit(tx, actor, {
        action: "privacy.erasure_refused",
        subjectType: "Visitor",
        subjectId: visitorId,
        data: { holds: plan.holds.map((h) => ({ reason: h.reason, id: h.id })) },
        at: now,
      });
      return { erased: false as const, holds: plan.holds };
    }
    const v = await tx.visitor.findUniqueOrThrow({ where: { id: visitorId } });
    const visitIds = (await tx.visit.findMany({ where: { visitorId }, select: { id: true } })).map((x) => x.id);
    if (visitIds.length) {
      await tx.deskAlert.deleteMany({ where: { visitId: { in: visitIds } } });
      await tx.scheduledJob.deleteMany({ where: { status: "PENDING", OR: visitIds.map((id) => jobsOfVisit(id)) } });
    }
    await tx.visit.deleteMany({ where: { visitorId } });
    // (An appointment of theirs should have no other visitor's visit; unlink one if it had.)
    await tx.visit.updateMany({ where: { appointment: { visitorId } }, data: { appointmentId: null } });
    await tx.appointment.deleteMany({ where: { visitorId } });
    await tx.rulesAcceptance.deleteMany({ where: { visitorId } });
    const ended = (await bansNaming(tx, v)).filter(({ ban }) => !banInForce(ban, now)).map(({ ban }) => ban.id);
    if (ended.length) await tx.ban.deleteMany({ where: { id: { in: ended } } });
    await tx.visitor.delete({ where: { id: visitorId } });
    await recordAudit(tx, actor, {
      action: "privacy.subject_erased",
      subjectType: "Visitor",
      subjectId: visitorId,
      data: { ...plan.deletes },
      at: now,
    });
    return { erased: true as const, deleted: plan.deletes };
  });
}
