// The MQTT broker of the hardware tests: Mosquitto on 127.0.0.1:1883 on the project's machines
// (PORTIER_TEST_MQTT_URL overrides it). Like the PostgreSQL migration test, a user's own machine
// may have none: the tests are then skipped with a note; CI (CI=true) has one, so there they run.
// No vitest here: e2e/web-server.ts uses the probe too.
import net from "node:net";

export const MQTT_TEST_BROKER = process.env.PORTIER_TEST_MQTT_URL ?? "mqtt://127.0.0.1:1883";

/** Whether something accepts a TCP connection on host:port within `timeoutMs`. */
export function tcpListening(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** True when the MQTT tests must be skipped here (no broker, and not in CI); says so once. */
export async function skipWithoutBroker(what: string): Promise<boolean> {
  const url = new URL(MQTT_TEST_BROKER);
  const skip = !process.env.CI && !(await tcpListening(url.hostname, Number(url.port || 1883)));
  if (skip) console.warn(`No MQTT broker at ${MQTT_TEST_BROKER}: the ${what} tests are skipped (CI runs them).`);
  return skip;
}
