import { describe, expect, it, vi } from "vitest";
import type { DomainEvent } from "@/src/domain/events/domain-events";
import { EventBus } from "@/src/domain/events/event-bus";

const flush = () => new Promise((r) => setTimeout(r, 0));

describe("EventBus", () => {
  it("delivers an event to its subscribers and to onAny subscribers", () => {
    const bus = new EventBus();
    const named = vi.fn();
    const other = vi.fn();
    const any = vi.fn();
    bus.on("staff.changed", named);
    bus.on("device.revoked", other);
    bus.onAny(any);
    bus.publish("staff.changed", { staffId: "s1" });
    expect(named).toHaveBeenCalledExactlyOnceWith({ staffId: "s1" });
    expect(other).not.toHaveBeenCalled();
    expect(any).toHaveBeenCalledExactlyOnceWith({ name: "staff.changed", payload: { staffId: "s1" } });
  });

  it("keeps delivering when a subscriber throws or rejects, and reports the failure", async () => {
    const errors: { err: unknown; event: DomainEvent }[] = [];
    const bus = new EventBus((err, event) => errors.push({ err, event }));
    const before = vi.fn();
    const after = vi.fn();
    const any = vi.fn();
    bus.on("staff.changed", before);
    bus.on("staff.changed", () => {
      throw new Error("sync boom");
    });
    bus.on("staff.changed", async () => {
      throw new Error("async boom");
    });
    bus.on("staff.changed", after);
    bus.onAny(() => {
      throw new Error("any boom");
    });
    bus.onAny(any);

    expect(() => bus.publish("staff.changed", { staffId: "s1" })).not.toThrow();
    await flush();

    expect(before).toHaveBeenCalledOnce();
    expect(after).toHaveBeenCalledOnce();
    expect(any).toHaveBeenCalledOnce();
    expect(errors.map((e) => (e.err as Error).message).sort()).toEqual(["any boom", "async boom", "sync boom"]);
    expect(errors.every((e) => e.event.name === "staff.changed")).toBe(true);
  });

  it("logs failures by default instead of throwing", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const bus = new EventBus();
      bus.on("staff.changed", () => {
        throw new Error("boom");
      });
      expect(() => bus.publish("staff.changed", { staffId: "s1" })).not.toThrow();
      expect(log).toHaveBeenCalledOnce();
      expect(String(log.mock.calls[0][0])).toContain("staff.changed");
    } finally {
      log.mockRestore();
    }
  });

  it("stops delivering after unsubscribe", () => {
    const bus = new EventBus();
    const named = vi.fn();
    const any = vi.fn();
    const offNamed = bus.on("device.revoked", named);
    const offAny = bus.onAny(any);
    bus.publish("device.revoked", { deviceId: "d1", locationId: "l1" });
    offNamed();
    offAny();
    bus.publish("device.revoked", { deviceId: "d2", locationId: "l1" });
    expect(named).toHaveBeenCalledOnce();
    expect(any).toHaveBeenCalledOnce();
  });
});
