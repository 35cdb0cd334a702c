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
  const offCommands = ctx.events.on("door.commanded", async (c) => {
    const door = await ctx.db.door.findUnique({
      where: { id: c.doorId },
      select: { id: true, locationId: true, driver: true, commandTopic: true },
    });
    if (!door) return;
    const driver = drivers[door.driver];
    if (!driver) return; // an MQTT door without a broker configured: nothing can reach it
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
