// A location's alarm settings: bounds, 112 after the all-staff step, managers of the location only, audited.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { alarmSettingsProblems, loadAlarmSettings, updateAlarmSettings } from "@/src/domain/alarms/alarm-settings";
import { makeSite, type Site } from "@/tests/helpers/kiosk-fixtures";
import { closeTestDb, resetDb, type TestContext, testContext } from "@/tests/helpers/test-db";

let ctx: TestContext;
let site: Site;
const valid = { alarmEscalateAllSeconds: 45, alarmCall112Seconds: 120, emergencyContacts: "", deskPhone: null };

beforeEach(async () => {
  ctx = await testContext();
  await resetDb(ctx.db);
  site = await makeSite(ctx.db);
});
afterAll(closeTestDb);

describe("location alarm settings", () => {
  it("saves new values, trimmed, with an audit event of what changed", async () => {
    const manager = {
      type: "STAFF" as const,
      id: `${site.locationId}-host`,
      role: "MANAGER" as const,
      locationIds: [site.locationId],
    };
    const saved = await updateAlarmSettings(ctx, manager, site.locationId, {
      ...valid,
      emergencyContacts: "  Wijkagent: 06 1234 5678 \r\n\r\nBeveiliging: 020 765 4321  ",
      deskPhone: " 020 123 4567 ",
    });
    expect(saved).toEqual({
      alarmEscalateAllSeconds: 45,
      alarmCall112Seconds: 120,
      emergencyContacts: "Wijkagent: 06 1234 5678\nBeveiliging: 020 765 4321",
      deskPhone: "020 123 4567",
    });
    expect(await loadAlarmSettings(ctx, manager, site.locationId)).toMatchObject(saved);
    const audit = await ctx.db.auditEvent.findFirstOrThrow({ where: { action: "location.alarm_settings_changed" } });
    expect(JSON.parse(audit.data as string)).toMatchObject({
      before: { alarmEscalateAllSeconds: 30, alarmCall112Seconds: 90, deskPhone: null },
      after: { alarmEscalateAllSeconds: 45, alarmCall112Seconds: 120, deskPhone: "020 123 4567" },
    });
    // Saving the same values again changes nothing and records nothing.
    await updateAlarmSettings(ctx, manager, site.locationId, saved);
    expect(await ctx.db.auditEvent.count({ where: { action: "location.alarm_settings_changed" } })).toBe(1);
  });

  it("refuses out-of-range times, 112 not after the all-staff step, a bad phone; nothing is saved", async () => {
    expect(alarmSettingsProblems({ ...valid, alarmEscalateAllSeconds: 5 })).toEqual({
      alarmEscalateAllSeconds: ["range"],
    });
    expect(alarmSettingsProblems({ ...valid, alarmEscalateAllSeconds: 30.5 })).toEqual({
      alarmEscalateAllSeconds: ["range"],
    });
    expect(alarmSettingsProblems({ ...valid, alarmCall112Seconds: 4000 })).toEqual({ alarmCall112Seconds: ["range"] });
    expect(alarmSettingsProblems({ ...valid, alarmCall112Seconds: 45 })).toEqual({
      alarmCall112Seconds: ["after_escalate"],
    });
    expect(alarmSettingsProblems({ ...valid, deskPhone: "bel de balie" })).toEqual({ deskPhone: ["phone"] });
    expect(alarmSettingsProblems({ ...valid, deskPhone: "+31 (0)20-123 45 67" })).toEqual({});
    expect(alarmSettingsProblems({ ...valid, emergencyContacts: "x\n".repeat(25) })).toEqual({
      emergencyContacts: ["too_long"],
    });
    await expect(
      updateAlarmSettings(ctx, site.admin, site.locationId, { ...valid, alarmCall112Seconds: 30 }),
    ).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { alarmCall112Seconds: ["after_escalate"] } });
    const location = await ctx.db.location.findUniqueOrThrow({ where: { id: site.locationId } });
    expect(location).toMatchObject({ alarmEscalateAllSeconds: 30, alarmCall112Seconds: 90 });
  });

  it("is for managers and admins of the location", async () => {
    const staff = { type: "STAFF" as const, id: "s", role: "STAFF" as const, locationIds: [site.locationId] };
    const otherManager = { type: "STAFF" as const, id: "m", role: "MANAGER" as const, locationIds: ["elsewhere"] };
    await expect(updateAlarmSettings(ctx, staff, site.locationId, valid)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(updateAlarmSettings(ctx, otherManager, site.locationId, valid)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
