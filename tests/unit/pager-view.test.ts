import { describe, expect, it } from "vitest";
import type { AlarmResponderView, AlarmView } from "@/src/domain/alarms/alarm-view";
import { pagerView, sharedPagerView, withOwnRow } from "@/src/domain/alarms/pager-view";

const row = (staffId: string, response: AlarmResponderView["response"] = null): AlarmResponderView => ({
  staffId,
  name: `Naam ${staffId}`,
  round: 0,
  pagedAt: "2026-11-29T10:00:00.000Z",
  deliveredAt: null,
  seenAt: null,
  respondedAt: response ? "2026-11-29T10:00:05.000Z" : null,
  response,
});

const view = (responders: AlarmResponderView[]): AlarmView => ({
  id: "a1",
  locationId: "loc",
  locationName: "Centrum",
  roomId: "r1",
  roomName: "Spreekkamer 1",
  floor: "1",
  level: "EMERGENCY",
  source: "ROOM_TABLET",
  status: "OPEN",
  test: false,
  deviceId: "tablet",
  raisedAt: "2026-11-29T10:00:00.000Z",
  confirmAt: "2026-11-29T10:00:05.000Z",
  openedAt: "2026-11-29T10:00:05.000Z",
  escalation: 0,
  closedAt: null,
  outcome: null,
  responders,
});

/** The definition: the answered rows and the pager's own, in the view's order. */
const expected = (v: AlarmView, staffId: string) => ({
  ...v,
  responders: v.responders.filter((r) => r.staffId === staffId || r.response !== null),
});

describe("pagerView", () => {
  it("holds the answered responders and the pager's own row, in the view's order", () => {
    const v = view([row("a"), row("b", "COMING"), row("c"), row("d", "CANT"), row("e")]);
    expect(pagerView(v, "c").responders.map((r) => r.staffId)).toEqual(["b", "c", "d"]);
    expect(pagerView(v, "a").responders.map((r) => r.staffId)).toEqual(["a", "b", "d"]);
    expect(pagerView(v, "b").responders.map((r) => r.staffId)).toEqual(["b", "d"]);
    expect(pagerView(v, "nobody").responders.map((r) => r.staffId)).toEqual(["b", "d"]);
    expect(pagerView(v, "e")).toEqual(expected(v, "e"));
  });

  it("matches its definition for every responder of many views, asked again and again", () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let n = 0; n < 50; n++) {
      const rows = Array.from({ length: Math.floor(rnd() * 30) }, (_, i) =>
        row(`s${i}`, rnd() < 0.2 ? "COMING" : rnd() < 0.1 ? "CANT" : null),
      );
      const v = view(rows);
      for (let round = 0; round < 2; round++) {
        for (const r of rows) expect(pagerView(v, r.staffId)).toEqual(expected(v, r.staffId));
      }
    }
  });

  it("leaves the view it was given alone", () => {
    const v = view([row("a"), row("b", "COMING")]);
    const copy = structuredClone(v);
    pagerView(v, "a");
    expect(v).toEqual(copy);
  });
});

describe("sharedPagerView and withOwnRow", () => {
  it("the first copy of a page is the same for every pager: the answered rows only", () => {
    const v = view([row("a"), row("b", "COMING"), row("c")]);
    expect(sharedPagerView(v).responders.map((r) => r.staffId)).toEqual(["b"]);
    expect(sharedPagerView(v)).toEqual({ ...v, responders: v.responders.filter((r) => r.response) });
  });

  it("the pager keeps the own row it had when a first copy arrives; a copy with its own row wins", () => {
    const had = view([{ ...row("a"), seenAt: "2026-11-29T10:00:02.000Z" }]);
    const shared = view([row("b", "COMING")]);
    expect(withOwnRow(shared, had, "a").responders.map((r) => [r.staffId, r.seenAt])).toEqual([
      ["b", null],
      ["a", "2026-11-29T10:00:02.000Z"],
    ]);
    expect(withOwnRow(shared, undefined, "a")).toBe(shared);
    const own = view([row("a")]);
    expect(withOwnRow(own, had, "a")).toBe(own);
  });
});
