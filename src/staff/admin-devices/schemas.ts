// What the device admin actions accept. The domain checks the rest (known location, room at that
// location, a room for every room tablet) and answers with field error codes.
import { z } from "zod";
import { DEVICE_KINDS } from "@/src/devices/device-screens";

const id = z.string().trim().min(1).max(100);

export const registerDeviceSchema = z.object({
  name: z.string().trim().min(1).max(100),
  kind: z.enum(DEVICE_KINDS),
  locationId: id,
  roomId: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((v) => v || null),
});

export const deviceIdSchema = z.object({ deviceId: id });
