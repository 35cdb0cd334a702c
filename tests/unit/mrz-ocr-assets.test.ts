import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_OCR_BASE, OCR_ASSETS } from "@/src/kiosk/scan/mrz-ocr/assets";
import { PUBLIC_OCR_DIR, packageFile, staleAssets } from "@/src/kiosk/scan/mrz-ocr/sync-assets";

describe("camera MRZ reader: self-hosted OCR files", () => {
  it("are committed in public/scan/ocr/ and match node_modules (npx tsx src/kiosk/scan/mrz-ocr/sync-assets.ts)", () => {
    expect(staleAssets()).toEqual([]);
  });

  it("are served from our own origin", () => {
    expect(DEFAULT_OCR_BASE).toBe("/scan/ocr/");
    expect(path.relative(path.resolve("public"), PUBLIC_OCR_DIR)).toBe(path.join("scan", "ocr"));
  });

  it("stay small: under 15 MB in all", () => {
    const total = OCR_ASSETS.reduce((sum, { file }) => sum + fs.statSync(path.join(PUBLIC_OCR_DIR, file)).size, 0);
    expect(total).toBeLessThan(15 * 1024 * 1024);
  });

  it("are the LSTM-only engine builds and the small (best_int) English model", () => {
    const files = OCR_ASSETS.map((a) => a.file);
    expect(files).toEqual(expect.arrayContaining(["worker.min.js", "eng.traineddata.gz"]));
    for (const file of files.filter((f) => f.startsWith("tesseract-core"))) expect(file).toMatch(/-lstm\.(js|wasm)$/);
    expect(OCR_ASSETS.find((a) => a.file === "eng.traineddata.gz")?.from).toContain("4.0.0_best_int");
    expect(fs.existsSync(packageFile("tesseract.js/dist/worker.min.js"))).toBe(true);
  });

  it("the reader passes tesseract.js every path, so it never falls back to its CDN defaults", () => {
    const reader = fs.readFileSync(path.resolve("src/kiosk/scan/mrz-ocr/reader.ts"), "utf8");
    for (const option of ["workerPath:", "corePath:", "langPath:", "workerBlobURL: false"])
      expect(reader).toContain(option);
    expect(reader).not.toMatch(/https?:\/\//);
  });
});
