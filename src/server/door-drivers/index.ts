// Starts the door drivers (server.ts): the simulator always, MQTT when a broker is configured; the
// check-in flow (door.release_requested); and the dispatch of `door.commanded` to the door's driver.
import type { DomainContext } from "@/src/domain/db";
import { attachDoorCheckIn } from "@/src/domain/doors/doors";
import { type MqttDoorDriver, startMqttDoorDriver } from "@/src/server/door-drivers/mqtt";
import { simulatorDriver } from "@/src/server/door-drivers/simulator";
import type { DoorDriver } from "@/src/server/door-drivers/types";

export interface DoorDrivers {
  mqtt: MqttDoorDriver | null;
  stop(): Promise<void>;
}

export function startDoorDrivers(ctx: DomainContext, options: { mqttUrl: string | null }): DoorDrivers {
  const simulator = simulatorDriver();
  const mqtt = options.mqttUrl ? startMqttDoorDriver(ctx, { url: options.mqttUrl }) : null;
  const drivers: Record<string, DoorDriver | null> = { SIMULATOR: simulator, MQTT: mqtt };
  const offCheckIn = attachDoorCheckIn(ctx, (err) => console.error("[doors] check-in release failed:", err));
  // Several processes (docs/operations.md): PORTIER_MQTT_URL is set on one of them, so an MQTT door's
  // command given on another process is carried out by the process that has the broker; the other
  // drivers act only in the process where the command was given.
  const offCommands = ctx.events.onEveryProcess("door.commanded", async (c, origin) => {
    if (origin.remote && !mqtt) return;
    const door = await ctx.db.door.findUnique({
      where: { id: c.doorId },
      select: { id: true, locationId: true, driver: true, commandTopic: true },
    });
    if (!door) return;
    if (origin.remote && door.driver !== "MQTT") return;
    const driver = drivers[door.driver];
    if (!driver) return; // an MQTT door without a broker configured here: the process with one sends it
    await driver.command(door, c.command === "release" ? { type: "release", seconds: c.seconds } : { type: "lock" });
  });
  // A door added or changed on the configuration screen: the MQTT driver subscribes to its topics.
  const offChanged = ctx.events.onEveryProcess("door.state_changed", () => void mqtt?.sync());
  return {
    mqtt,
    async stop() {
      offCheckIn();
      offCommands();
      offChanged();
      await simulator.stop();
      await mqtt?.stop();
    },
  };
}
