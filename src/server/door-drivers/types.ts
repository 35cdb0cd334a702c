// One interface for every door controller driver (issue 7, part 2). The domain decides (interlock);
// a driver carries the decision to the hardware and reports the hardware back:
// sensor changes and its controller going away or coming back (src/domain/doors/doors.ts
// reportDoorSensor / reportDoorController).
export interface DriverDoor {
  id: string;
  locationId: string;
  commandTopic: string | null;
}

export type DriverCommand = { type: "release"; seconds: number | null } | { type: "lock" };

export interface DoorDriver {
  readonly kind: "SIMULATOR" | "MQTT";
  /** Carries a command to the door's controller. Never throws: a failure is logged. */
  command(door: DriverDoor, command: DriverCommand): Promise<void>;
  stop(): Promise<void>;
}
