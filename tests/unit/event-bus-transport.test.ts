// The EventBus with a transport (what src/server/cluster/redis-events.ts plugs in): `on` runs in
// the publishing process only, `onEveryProcess` in every process once, told whether the event is
// its own; without a transport nothing changes.
import { describe, expect, it } from "vitest";
import type { DomainEvent } from "@/src/domain/events/domain-events";
import { EventBus } from "@/src/domain/events/event-bus";

/** Two buses joined like two processes on one channel (each skips its own messages). */
function twoProcesses() {
  const a = new EventBus();
  const b = new EventBus();
  a.setTransport({ send: (e: DomainEvent) => b.receiveRemote(JSON.parse(JSON.stringify(e))) });
  b.setTransport({ send: (e: DomainEvent) => a.receiveRemote(JSON.parse(JSON.stringify(e))) });
  return { a, b };
}
const event = { deviceId: "d1", locationId: "l1", kind: "KIOSK" as const, name: "K" };

describe("EventBus across processes", () => {
  it("runs `on` in the publisher only, and every-process handlers once in each process — the others told first", () => {
    const { a, b } = twoProcesses();
    const log: string[] = [];
    a.on("device.registered", () => void log.push("A on"));
    b.on("device.registered", () => void log.push("B on"));
    a.onAny(() => void log.push("A any"));
    b.onAny(() => void log.push("B any"));
    a.onEveryProcess("device.registered", (_p, o) => void log.push(`A every remote=${o.remote}`));
    b.onEveryProcess("device.registered", (p, o) => void log.push(`B every remote=${o.remote} ${p.deviceId}`));
    a.publish("device.registered", event);
    // The transport here delivers at once, so B's handler runs before A's own: the event is sent
    // to the other processes before this one's handlers run (an alarm page is not held up by them).
    expect(log).toEqual(["B every remote=true d1", "A on", "A any", "A every remote=false"]);
  });

  it("without a transport, an every-process handler is an ordinary local one", () => {
    const bus = new EventBus();
    const seen: boolean[] = [];
    const off = bus.onEveryProcess("device.registered", (_p, o) => void seen.push(o.remote));
    bus.publish("device.registered", event);
    off();
    bus.publish("device.registered", event);
    expect(seen).toEqual([false]);
  });

  it("a failing transport or remote handler is reported, never thrown at the publisher", () => {
    const errors: string[] = [];
    const bus = new EventBus((err) => void errors.push(String(err)));
    bus.setTransport({
      send: () => {
        throw new Error("redis down");
      },
    });
    bus.onEveryProcess("device.registered", () => {
      throw new Error("handler broke");
    });
    expect(() => bus.publish("device.registered", event)).not.toThrow();
    bus.receiveRemote({ name: "device.registered", payload: event });
    expect(errors).toEqual(["Error: redis down", "Error: handler broke", "Error: handler broke"]);
  });
});
