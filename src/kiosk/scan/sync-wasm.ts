// The kiosk's decoder worker loads zxing-wasm's reader binary from our own origin
// (public/scan/zxing_reader.wasm → /scan/zxing_reader.wasm), never from the CDN zxing-wasm
// defaults to. The file is committed, so a fresh clone works without a build step; after
// upgrading zxing-wasm, copy the matching binary with
//   npx tsx src/kiosk/scan/sync-wasm.ts          (copy)
//   npx tsx src/kiosk/scan/sync-wasm.ts --check  (exit 1 when it does not match the package)
// A unit test (tests/unit/scan-classify.test.ts) fails too when they differ.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export const PUBLIC_WASM = path.resolve(import.meta.dirname, "../../../public/scan/zxing_reader.wasm");

export function packageWasm(): string {
  return createRequire(import.meta.url).resolve("zxing-wasm/reader/zxing_reader.wasm");
}

export const sha256File = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const { ZXING_WASM_SHA256, ZXING_WASM_VERSION } = await import("zxing-wasm/reader");
  if (sha256File(packageWasm()) !== ZXING_WASM_SHA256) throw new Error("node_modules/zxing-wasm is damaged");
  const current = fs.existsSync(PUBLIC_WASM) ? sha256File(PUBLIC_WASM) : null;
  if (process.argv.includes("--check")) {
    if (current !== ZXING_WASM_SHA256) {
      console.error(
        `${PUBLIC_WASM} does not match zxing-wasm ${ZXING_WASM_VERSION}: run npx tsx src/kiosk/scan/sync-wasm.ts`,
      );
      process.exit(1);
    }
    console.log(`${PUBLIC_WASM} matches zxing-wasm ${ZXING_WASM_VERSION}`);
  } else if (current !== ZXING_WASM_SHA256) {
    fs.mkdirSync(path.dirname(PUBLIC_WASM), { recursive: true });
    fs.copyFileSync(packageWasm(), PUBLIC_WASM);
    console.log(`Copied zxing-wasm ${ZXING_WASM_VERSION} reader to ${PUBLIC_WASM}`);
  }
}
