// The fallback engine: @zxing/library (pure TypeScript) in the kiosk configuration, for when
// zxing-wasm cannot load. Kept apart from engine.ts so the decoder worker loads it only then.
// No TRY_HARDER: @zxing/library turns it on whenever the hint key is present, even set to false,
// and it makes frames without a code many times slower. So the key is left out entirely.
import type { BarcodeFormat, DecodeHintType } from "@zxing/library";
import type { DecodeEngine, Frame, ScanFormat } from "./engine";
import { zxing } from "./zxing-lib";

/** Luminance of RGBA pixels (same weights as zxing-wasm uses), for @zxing/library. */
export function luminance(frame: Frame, out?: Uint8ClampedArray): Uint8ClampedArray {
  const { data } = frame;
  const n = frame.width * frame.height;
  const lum = out && out.length === n ? out : new Uint8ClampedArray(n);
  for (let i = 0, j = 0; i < n; i++, j += 4)
    lum[i] = (306 * data[j] + 601 * data[j + 1] + 117 * data[j + 2] + 512) >> 10;
  return lum;
}

const JS_FORMATS = new Map<BarcodeFormat, ScanFormat>([
  [zxing.BarcodeFormat.QR_CODE, "QRCode"],
  [zxing.BarcodeFormat.CODE_128, "Code128"],
  [zxing.BarcodeFormat.PDF_417, "PDF417"],
]);

/** The hints of the kiosk's @zxing/library configuration: three formats, no TRY_HARDER key at all. */
export function zxingJsKioskHints(): Map<DecodeHintType, unknown> {
  return new Map<DecodeHintType, unknown>([[zxing.DecodeHintType.POSSIBLE_FORMATS, [...JS_FORMATS.keys()]]]);
}

/**
 * @zxing/library in the kiosk configuration. Its readers are run one by one here rather than
 * through MultiFormatReader, which in 0.23.0 console.warns on every frame without a code
 * (zxing-js/library#648: NotFoundException is not a ReaderException). QR first: invites and passes.
 */
export function createZxingJsEngine(): DecodeEngine {
  const hints = zxingJsKioskHints();
  const readers = [
    new zxing.QRCodeReader(),
    new zxing.MultiFormatOneDReader(new Map([[zxing.DecodeHintType.POSSIBLE_FORMATS, [zxing.BarcodeFormat.CODE_128]]])),
    new zxing.PDF417Reader(),
  ];
  let buffer: Uint8ClampedArray | undefined;
  return {
    name: "zxing-js",
    async decode(frame) {
      buffer = luminance(frame, buffer);
      const source = new zxing.RGBLuminanceSource(buffer, frame.width, frame.height);
      const bitmap = new zxing.BinaryBitmap(new zxing.HybridBinarizer(source));
      for (const reader of readers) {
        try {
          const result = reader.decode(bitmap, hints);
          const format = JS_FORMATS.get(result.getBarcodeFormat());
          if (format) return { text: result.getText(), format };
        } catch {
          // NotFound / Checksum / Format: this reader found no readable code
        } finally {
          reader.reset();
        }
      }
      return null;
    },
  };
}
