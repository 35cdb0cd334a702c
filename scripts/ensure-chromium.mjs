#!/usr/bin/env node
// Makes sure a Chromium is there for the browser tests (Playwright drives Debian's Chromium; it
// never downloads its own). Looks at CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser.
// None found: as root with apt-get, installs Debian's `chromium` package; otherwise says what to do.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { pathToFileURL } from "node:url";

export const CHROMIUM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The Chromium to use, or null. A CHROMIUM_PATH that does not exist is an error, not a fallback. */
export function findChromium(env = process.env) {
  if (env.CHROMIUM_PATH) return isExecutable(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : null;
  return CHROMIUM_CANDIDATES.find(isExecutable) ?? null;
}

function hasAptGet() {
  return spawnSync("sh", ["-c", "command -v apt-get"], { stdio: "ignore" }).status === 0;
}

function run(cmd, args) {
  console.log(`ensure-chromium: ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited with ${r.status ?? r.signal}`);
}

function help() {
  console.error(
    [
      "ensure-chromium: no Chromium found for the browser tests.",
      "Portier's end-to-end tests drive the system's Chromium (never `npx playwright install`).",
      "Install it, then run the tests again:",
      "  Debian/Ubuntu:  sudo apt-get install -y chromium      (Ubuntu may call it chromium-browser)",
      "Or point the tests at a Chromium or Chrome you already have:",
      "  CHROMIUM_PATH=/path/to/chromium npm run test:e2e",
    ].join("\n"),
  );
}

function main() {
  const found = findChromium();
  if (found) {
    console.log(`ensure-chromium: using ${found}`);
    return 0;
  }
  if (process.env.CHROMIUM_PATH) {
    console.error(`ensure-chromium: CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not an executable file.`);
    help();
    return 1;
  }
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (isRoot && hasAptGet()) {
    try {
      run("apt-get", ["update"]);
      run("apt-get", ["install", "-y", "chromium"]);
    } catch (err) {
      console.error(`ensure-chromium: installing chromium failed: ${err.message}`);
      help();
      return 1;
    }
    const installed = findChromium();
    if (installed) {
      console.log(`ensure-chromium: installed ${installed}`);
      return 0;
    }
  }
  help();
  return 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exit(main());
