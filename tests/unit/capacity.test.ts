import { describe, expect, it } from "vitest";
import { CALLED_TICKET_TTL_MS, callableCount, hasRoom } from "@/src/domain/visits/capacity";

describe("capacity rules", () => {
  it("always has room without a capacity", () => {
    expect(hasRoom({ capacity: null, openVisits: 0, calledTickets: 0 })).toBe(true);
    expect(hasRoom({ capacity: null, openVisits: 10_000, calledTickets: 50 })).toBe(true);
    expect(callableCount({ capacity: null, openVisits: 10_000, calledTickets: 50 })).toBe(Number.POSITIVE_INFINITY);
  });

  it("has room while open visits plus called numbers stay below the capacity", () => {
    expect(hasRoom({ capacity: 2, openVisits: 0, calledTickets: 0 })).toBe(true);
    expect(hasRoom({ capacity: 2, openVisits: 1, calledTickets: 0 })).toBe(true);
    expect(hasRoom({ capacity: 2, openVisits: 2, calledTickets: 0 })).toBe(false);
    // A called number holds a place: a newcomer may not take it.
    expect(hasRoom({ capacity: 2, openVisits: 1, calledTickets: 1 })).toBe(false);
    expect(hasRoom({ capacity: 2, openVisits: 0, calledTickets: 2 })).toBe(false);
    // Over capacity (a capacity lowered while people are inside).
    expect(hasRoom({ capacity: 2, openVisits: 5, calledTickets: 0 })).toBe(false);
  });

  it("a capacity of zero admits nobody", () => {
    expect(hasRoom({ capacity: 0, openVisits: 0, calledTickets: 0 })).toBe(false);
    expect(callableCount({ capacity: 0, openVisits: 0, calledTickets: 0 })).toBe(0);
  });

  it("calls as many numbers as there are free places, never a negative count", () => {
    expect(callableCount({ capacity: 60, openVisits: 60, calledTickets: 0 })).toBe(0);
    expect(callableCount({ capacity: 60, openVisits: 59, calledTickets: 0 })).toBe(1);
    expect(callableCount({ capacity: 60, openVisits: 57, calledTickets: 1 })).toBe(2);
    expect(callableCount({ capacity: 60, openVisits: 59, calledTickets: 1 })).toBe(0);
    expect(callableCount({ capacity: 60, openVisits: 70, calledTickets: 3 })).toBe(0);
  });

  it("agrees with hasRoom", () => {
    for (let capacity = 0; capacity <= 4; capacity++) {
      for (let openVisits = 0; openVisits <= 5; openVisits++) {
        for (let calledTickets = 0; calledTickets <= 3; calledTickets++) {
          const c = { capacity, openVisits, calledTickets };
          expect(hasRoom(c)).toBe(callableCount(c) > 0);
        }
      }
    }
  });

  it("keeps a called number's place for ten minutes", () => {
    expect(CALLED_TICKET_TTL_MS).toBe(10 * 60 * 1000);
  });
});
