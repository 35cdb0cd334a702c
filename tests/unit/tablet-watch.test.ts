// The silent-tablet decision, pure: which room tablets get a TABLET_SILENT desk alert, which alerts clear.
import { describe, expect, it } from "vitest";
import {
  decideTabletWatch,
  isSilent,
  type SilentAlert,
  TABLET_SILENT_AFTER_MS,
  type WatchedTablet,
} from "@/src/domain/devices/tablet-watch";

const NOW = new Date("2026-03-10T09:00:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);

const tablet = (over: Partial<WatchedTablet> = {}): WatchedTablet => ({
  id: "t1",
  name: "Tablet kamer 1",
  kind: "ROOM_TABLET",
  locationId: "loc",
  roomId: "room-1",
  roomName: "Kamer 1",
  paired: true,
  revokedAt: null,
  pairedAt: ago(3_600_000),
  lastSeenAt: ago(1_000),
  ...over,
});
const alert = (over: Partial<SilentAlert> = {}): SilentAlert => ({
  alertId: "a1",
  deviceId: "t1",
  locationId: "loc",
  createdAt: ago(0),
  open: true,
  ...over,
});

describe("silent room tablets", () => {
  it("is silent only when heard from longer ago than the limit (exactly at the limit is not yet)", () => {
    expect(isSilent(tablet({ lastSeenAt: ago(TABLET_SILENT_AFTER_MS) }), NOW)).toBe(false);
    expect(isSilent(tablet({ lastSeenAt: ago(TABLET_SILENT_AFTER_MS + 1) }), NOW)).toBe(true);
    // Never sent a heartbeat: counted from the pairing.
    expect(isSilent(tablet({ lastSeenAt: null, pairedAt: ago(TABLET_SILENT_AFTER_MS + 1) }), NOW)).toBe(true);
  });

  it("watches paired, not revoked room tablets only", () => {
    const old = ago(TABLET_SILENT_AFTER_MS * 10);
    expect(isSilent(tablet({ lastSeenAt: old, revokedAt: ago(1) }), NOW)).toBe(false);
    expect(isSilent(tablet({ lastSeenAt: old, paired: false }), NOW)).toBe(false);
    expect(isSilent(tablet({ lastSeenAt: old, kind: "KIOSK" }), NOW)).toBe(false);
  });

  it("raises one alert per silence: not again while it lasts, even after the desk acknowledged it", () => {
    const silent = tablet({ lastSeenAt: ago(60_000) });
    expect(decideTabletWatch([silent], [], NOW)).toEqual({ raise: [silent], clear: [] });
    const raisedThisSilence = alert({ createdAt: ago(20_000) });
    expect(decideTabletWatch([silent], [raisedThisSilence], NOW)).toEqual({ raise: [], clear: [] });
    expect(decideTabletWatch([silent], [{ ...raisedThisSilence, open: false }], NOW)).toEqual({ raise: [], clear: [] });
  });

  it("raises again for a new silence after the tablet was back", () => {
    const silentAgain = tablet({ lastSeenAt: ago(40_000) });
    const earlier = alert({ createdAt: ago(600_000), open: false });
    expect(decideTabletWatch([silentAgain], [earlier], NOW).raise).toEqual([silentAgain]);
  });

  it("clears the open alert when the tablet is back, revoked, unpaired or gone", () => {
    const open = alert({ createdAt: ago(60_000) });
    expect(decideTabletWatch([tablet()], [open], NOW).clear).toEqual([{ alert: open, reason: "back" }]);
    expect(decideTabletWatch([tablet({ revokedAt: ago(5), lastSeenAt: ago(90_000) })], [open], NOW).clear).toEqual([
      { alert: open, reason: "revoked" },
    ]);
    expect(decideTabletWatch([tablet({ paired: false })], [open], NOW).clear).toEqual([
      { alert: open, reason: "revoked" },
    ]);
    expect(decideTabletWatch([], [open], NOW).clear).toEqual([{ alert: open, reason: "revoked" }]);
    // An acknowledged one needs nothing.
    expect(decideTabletWatch([tablet()], [{ ...open, open: false }], NOW).clear).toEqual([]);
  });

  it("decides per tablet", () => {
    const a = tablet({ id: "a", lastSeenAt: ago(31_000) });
    const b = tablet({ id: "b", lastSeenAt: ago(2_000) });
    const c = tablet({ id: "c", lastSeenAt: ago(45_000) });
    const d = decideTabletWatch([a, b, c], [alert({ deviceId: "c", createdAt: ago(10_000) })], NOW);
    expect(d.raise.map((t) => t.id)).toEqual(["a"]);
    expect(d.clear).toEqual([]);
  });
});
