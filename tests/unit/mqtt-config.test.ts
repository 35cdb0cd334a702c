// PORTIER_MQTT_URL: optional (no broker needed by default), refused when it is no broker URL;
// the broker as logs and the status show it never carries a password.
import { describe, expect, it } from "vitest";
import { loadConfig } from "@/src/server/config";
import { redactUrl } from "@/src/server/mqtt-buttons";

const env = (extra: Record<string, string | undefined> = {}) =>
  ({ PORTIER_SECRET: "test-secret-0123456789-abcdefghijklmnop", ...extra }) as unknown as NodeJS.ProcessEnv;

describe("PORTIER_MQTT_URL", () => {
  it("is off unless set (blank counts as unset)", () => {
    expect(loadConfig(env()).mqttUrl).toBeNull();
    expect(loadConfig(env({ PORTIER_MQTT_URL: "  " })).mqttUrl).toBeNull();
  });

  it("takes broker URLs and refuses anything else", () => {
    expect(loadConfig(env({ PORTIER_MQTT_URL: "mqtt://127.0.0.1:1883" })).mqttUrl).toBe("mqtt://127.0.0.1:1883");
    expect(loadConfig(env({ PORTIER_MQTT_URL: "mqtts://user:pw@broker.local:8883" })).mqttUrl).toBe(
      "mqtts://user:pw@broker.local:8883",
    );
    expect(() => loadConfig(env({ PORTIER_MQTT_URL: "127.0.0.1:1883" }))).toThrow(/PORTIER_MQTT_URL/);
    expect(() => loadConfig(env({ PORTIER_MQTT_URL: "http://broker" }))).toThrow(/PORTIER_MQTT_URL/);
  });

  it("never shows the password", () => {
    expect(redactUrl("mqtt://portier:s3cret@broker.local:1883")).toBe("mqtt://portier:***@broker.local:1883");
    expect(redactUrl("mqtt://127.0.0.1:1883")).toBe("mqtt://127.0.0.1:1883");
  });
});
