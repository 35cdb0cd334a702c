// Copies the camera MRZ reader's OCR files (assets.ts) from node_modules to public/scan/ocr/, where
// the kiosk loads them from our own origin. They are committed, so a fresh clone works without a
// build step; after upgrading tesseract.js, tesseract.js-core or @tesseract.js-data/eng, run
//   npx tsx src/kiosk/scan/mrz-ocr/sync-assets.ts          (copy)
//   npx tsx src/kiosk/scan/mrz-ocr/sync-assets.ts --check  (exit 1 when a copy differs)
// A unit test (tests/unit/mrz-ocr-assets.test.ts) fails too when they differ.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { OCR_ASSETS } from "./assets";

export const PUBLIC_OCR_DIR = path.resolve(import.meta.dirname, "../../../../public/scan/ocr");

const sha256 = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");

/** The node_modules file of each asset (tesseract.js-core resolved from tesseract.js, as it is used). */
export function packageFile(specifier: string): string {
  const require = createRequire(import.meta.url);
  if (specifier.startsWith("tesseract.js-core/")) {
    const fromTesseract = createRequire(require.resolve("tesseract.js/package.json"));
    return fromTesseract.resolve(specifier);
  }
  return require.resolve(specifier);
}

/** Assets whose copy in public/scan/ocr/ is missing or differs from node_modules. */
export function staleAssets(): string[] {
  return OCR_ASSETS.filter(({ file, from }) => {
    const copy = path.join(PUBLIC_OCR_DIR, file);
    return !fs.existsSync(copy) || sha256(copy) !== sha256(packageFile(from));
  }).map(({ file }) => file);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const stale = staleAssets();
  if (process.argv.includes("--check")) {
    if (stale.length > 0) {
      console.error(
        `Out of date in ${PUBLIC_OCR_DIR}: ${stale.join(", ")}; run npx tsx src/kiosk/scan/mrz-ocr/sync-assets.ts`,
      );
      process.exit(1);
    }
    console.log(`${PUBLIC_OCR_DIR} matches node_modules`);
  } else {
    fs.mkdirSync(PUBLIC_OCR_DIR, { recursive: true });
    for (const { file, from } of OCR_ASSETS) {
      if (stale.includes(file)) fs.copyFileSync(packageFile(from), path.join(PUBLIC_OCR_DIR, file));
    }
    const extra = fs.readdirSync(PUBLIC_OCR_DIR).filter((f) => !OCR_ASSETS.some((a) => a.file === f));
    console.log(
      `Copied ${stale.length} file(s) to ${PUBLIC_OCR_DIR}${extra.length ? `; not ours: ${extra.join(", ")}` : ""}`,
    );
  }
}
