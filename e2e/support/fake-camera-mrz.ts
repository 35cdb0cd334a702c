// A fake camera showing an identity document's machine-readable zone, for browser tests of the
// camera MRZ reader (src/kiosk/scan/mrz-ocr/). Like fake-camera.ts (the QR code), it writes a .y4m
// that Chromium plays as the webcam (fakeCameraArgs), but the document is drawn by Chromium itself:
// a page's canvas draws a card with a printed (visual) zone and the MRZ in a monospace font (OCR-B
// is not installed; DejaVu Sans Mono from fonts-dejavu-core is), and its luma becomes the Y plane.
// Files are large (1280×720: 1.4 MB a frame): generate them in the test set-up, never commit them.
import { type Browser, chromium, type Page } from "@playwright/test";
import { writeLumaY4m } from "./fake-camera";

export { writeLumaY4m };

export interface FakeMrzCameraOptions {
  width?: number;
  height?: number;
  /** Frames with the document (default 4: each with its own sensor noise). */
  frames?: number;
  /** Frames with no document before them. Default 0. */
  blankFrames?: number;
  fps?: number;
  /** The document's width as a share of the frame width (default 0.62). */
  size?: number;
  /** Degrees the document is turned (default 0.8: held by hand). */
  angle?: number;
  /** Gaussian blur in px (default 0.6: a webcam's softness). */
  blur?: number;
  /** Sensor noise, standard deviation in grey levels (default 6). */
  noise?: number;
  /** Font for the MRZ (default DejaVu Sans Mono). */
  font?: string;
}

/** Draws the frames in the page and returns their luma planes. */
export async function renderMrzFrames(
  page: Page,
  lines: string[],
  options: FakeMrzCameraOptions = {},
): Promise<{ blank: Buffer; withDocument: Buffer[] }> {
  const o = {
    width: 1280,
    height: 720,
    frames: 4,
    size: 0.62,
    angle: 0.8,
    blur: 0.6,
    noise: 6,
    font: "DejaVu Sans Mono",
    ...options,
  };
  await page.setContent("<!doctype html><canvas></canvas>");
  // tsx (esbuild, keepNames) wraps named functions in `__name(…)`: give the page a no-op one.
  await page.evaluate("globalThis.__name ??= (target) => target");
  const planes = await page.evaluate(
    async ({ lines, o }) => {
      await document.fonts.load(`40px "${o.font}"`);
      const canvas = document.querySelector("canvas") as HTMLCanvasElement;
      canvas.width = o.width;
      canvas.height = o.height;
      const ctx = canvas.getContext("2d", { willReadFrequently: true }) as CanvasRenderingContext2D;
      // Deterministic noise (a small LCG), so a failing test can be re-run on the same frames.
      let seed = 12345;
      const random = () => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return seed / 0x7fffffff;
      };
      const gauss = () => Math.sqrt(-2 * Math.log(random() + 1e-9)) * Math.cos(2 * Math.PI * random());
      const background = () => {
        const gradient = ctx.createLinearGradient(0, 0, o.width, 0);
        gradient.addColorStop(0, "#5a5a5a");
        gradient.addColorStop(1, "#969696");
        ctx.filter = "none";
        ctx.setTransform(1, 0, 0, 1, 0, 0);
        ctx.fillStyle = gradient;
        ctx.fillRect(0, 0, o.width, o.height);
      };
      const luma = (withNoise: boolean) => {
        const { data } = ctx.getImageData(0, 0, o.width, o.height);
        const y = new Uint8Array(o.width * o.height);
        for (let i = 0; i < y.length; i++) {
          const v = (data[i * 4] * 77 + data[i * 4 + 1] * 150 + data[i * 4 + 2] * 29) >> 8;
          y[i] = Math.max(0, Math.min(255, Math.round(v + (withNoise ? gauss() * o.noise : 0))));
        }
        let s = "";
        for (let i = 0; i < y.length; i += 0x8000) s += String.fromCharCode(...y.subarray(i, i + 0x8000));
        return btoa(s);
      };
      background();
      const blank = luma(true);

      // The card: ID-1 (85.6 × 54 mm) for 3 lines, a passport page (125 × 88 mm) for 2.
      const td1 = lines.length === 3;
      const cardW = o.width * o.size;
      const cardH = cardW * (td1 ? 54 / 85.6 : 88 / 125);
      const mm = cardW / (td1 ? 85.6 : 125);
      background();
      // Centred, a little low; a large passport page is held so its MRZ is still in view.
      ctx.translate(o.width / 2, Math.min(o.height / 2 + o.height * 0.04, o.height * 0.93 - cardH / 2));
      ctx.rotate((o.angle * Math.PI) / 180);
      ctx.translate(-cardW / 2, -cardH / 2);
      ctx.filter = o.blur > 0 ? `blur(${o.blur}px)` : "none";
      ctx.fillStyle = "#f2efe6";
      ctx.beginPath();
      ctx.roundRect(0, 0, cardW, cardH, 3 * mm);
      ctx.fill();
      // Visual zone: a photo and printed fields, which the reader must not take for the MRZ.
      ctx.fillStyle = "#8d8d8d";
      ctx.fillRect(4 * mm, 10 * mm, 20 * mm, td1 ? 24 * mm : 28 * mm);
      ctx.fillStyle = "#303030";
      ctx.font = `bold ${3.2 * mm}px sans-serif`;
      ctx.fillText(td1 ? "IDENTITEITSKAART / IDENTITY CARD" : "PASPOORT / PASSPORT", 4 * mm, 6.5 * mm);
      ctx.font = `${2.4 * mm}px sans-serif`;
      const printed = [
        "Naam / Surname",
        "Voornamen / Given names",
        "Geboortedatum / Date of birth",
        "Geldig tot / Date of expiry",
      ];
      printed.forEach((text, i) => {
        ctx.fillText(text, 30 * mm, 13 * mm + i * 6 * mm);
      });
      // The MRZ: OCR-B is 10 characters per inch (2.54 mm a character), ~2.4 mm high; the lines
      // are 30 (TD1) or 44 (TD3) characters, from 1.5 mm (TD1) or 2.5 mm (TD3) from the edge.
      const pitch = 2.54 * mm;
      ctx.font = `${pitch / 0.602}px "${o.font}"`; // DejaVu Sans Mono's advance is 0.602 em
      ctx.fillStyle = "#111111";
      ctx.textBaseline = "alphabetic";
      const lineGap = td1 ? 4.4 * mm : 4.6 * mm;
      const bottom = cardH - (td1 ? 3 : 4) * mm;
      lines.forEach((line, i) => {
        ctx.fillText(line, (td1 ? 3 : 4) * mm, bottom - (lines.length - 1 - i) * lineGap);
      });
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.filter = "none";
      const withDocument: string[] = [];
      for (let f = 0; f < o.frames; f++) withDocument.push(luma(true));
      return { blank, withDocument };
    },
    { lines, o },
  );
  return {
    blank: Buffer.from(planes.blank, "base64"),
    withDocument: planes.withDocument.map((b) => Buffer.from(b, "base64")),
  };
}

/**
 * Writes a .y4m showing a document with these MRZ lines (2×44 or 3×30). Uses `browser` to draw it,
 * or launches Debian's Chromium (CHROMIUM_PATH, else /usr/bin/chromium) for the purpose.
 */
export async function writeMrzY4m(
  file: string,
  lines: string[],
  options: FakeMrzCameraOptions & { browser?: Browser } = {},
): Promise<string> {
  const { browser: given, ...o } = options;
  const width = o.width ?? 1280;
  const height = o.height ?? 720;
  const browser =
    given ??
    (await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu"],
    }));
  try {
    const page = await browser.newPage();
    const { blank, withDocument } = await renderMrzFrames(page, lines, o);
    await page.close();
    const planes = [...Array.from({ length: o.blankFrames ?? 0 }, () => blank), ...withDocument];
    return writeLumaY4m(file, planes, width, height, o.fps ?? 10);
  } finally {
    if (!given) await browser.close();
  }
}
