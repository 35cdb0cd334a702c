import { describe, expect, it } from "vitest";
import { findMrzBand, type GrayImage, prepareMrz, searchRect, stretchContrast } from "@/src/kiosk/scan/mrz-ocr/image";

/**
 * A grey frame with text-like lines: each "character" a few dark vertical strokes on light paper,
 * lines `lineHeight` high, `chars` characters long, the page turned by `tilt` degrees.
 */
function page(options: {
  width?: number;
  height?: number;
  lines: Array<{ top: number; chars: number }>;
  left?: number;
  lineHeight?: number;
  tilt?: number;
}): GrayImage {
  const { width = 1280, height = 720, left = 300, lineHeight = 18, tilt = 0 } = options;
  const data = new Uint8Array(width * height).fill(215);
  const pitch = Math.round(lineHeight * 0.8);
  const tan = Math.tan((tilt * Math.PI) / 180);
  for (const { top, chars } of options.lines) {
    for (let c = 0; c < chars; c++) {
      for (const stroke of [1, 4, 8].slice(0, 2 + (c % 2))) {
        const x0 = left + c * pitch + Math.round((stroke * pitch) / 12);
        for (let x = x0; x < x0 + 2; x++) {
          const shift = Math.round((x - width / 2) * tan);
          for (let y = top; y < top + lineHeight; y++) {
            const yy = y + shift;
            if (yy >= 0 && yy < height && x < width) data[yy * width + x] = 30;
          }
        }
      }
    }
  }
  return { data, width, height };
}

describe("finding the MRZ in a camera frame", () => {
  it("finds three ID-card lines (TD1) below other text", () => {
    const frame = page({
      lines: [
        { top: 300, chars: 12 }, // printed text above: short lines
        { top: 340, chars: 15 },
        { top: 500, chars: 30 },
        { top: 530, chars: 30 },
        { top: 560, chars: 30 },
      ],
    });
    const prepared = prepareMrz(frame);
    expect(prepared?.lines).toBe(3);
    const area = searchRect(1280, 720);
    expect(prepared?.box.y).toBeLessThan(500);
    expect(prepared?.box.y).toBeGreaterThan(area.y + 300 - area.y); // not the printed lines above
    expect((prepared?.box.y ?? 0) + (prepared?.box.height ?? 0)).toBeGreaterThan(578);
  });

  it("finds two passport lines (TD3), tilted by hand", () => {
    for (const tilt of [-3, 0, 2]) {
      const frame = page({
        lines: [
          { top: 520, chars: 44 },
          { top: 552, chars: 44 },
        ],
        left: 250,
        lineHeight: 16,
        tilt,
      });
      const area = searchRect(1280, 720);
      const grey: GrayImage = {
        data: new Uint8Array(area.width * area.height),
        width: area.width,
        height: area.height,
      };
      for (let y = 0; y < area.height; y++)
        grey.data.set(
          frame.data.subarray((area.y + y) * 1280 + area.x, (area.y + y) * 1280 + area.x + area.width),
          y * area.width,
        );
      const band = findMrzBand(grey);
      expect(band?.lines).toBe(2);
      expect(Math.abs((band?.tilt ?? 99) - tilt)).toBeLessThanOrEqual(0.5);
    }
  });

  it("sees no MRZ in an empty frame, a face-like blob or short printed lines", () => {
    const empty: GrayImage = { data: new Uint8Array(1280 * 720).fill(120), width: 1280, height: 720 };
    expect(prepareMrz(empty)).toBeNull();
    expect(
      prepareMrz(
        page({
          lines: [
            { top: 400, chars: 10 },
            { top: 430, chars: 12 },
          ],
        }),
      ),
    ).toBeNull();
  });

  it("hands Tesseract a PGM scaled to ~28 px lines, contrast stretched", () => {
    const prepared = prepareMrz(
      page({
        lines: [
          { top: 520, chars: 44 },
          { top: 552, chars: 44 },
        ],
        left: 250,
        lineHeight: 14,
      }),
    );
    expect(prepared).not.toBeNull();
    const header = new TextDecoder().decode(prepared?.pgm.subarray(0, 20));
    expect(header).toMatch(new RegExp(`^P5\\n${prepared?.width} ${prepared?.height}\\n255\\n`));
    expect(prepared?.height).toBeGreaterThan(2 * 28);
    const ramp = Uint8Array.from({ length: 1000 }, (_, i) => 100 + Math.floor(i / 25));
    const stretched = stretchContrast({ data: ramp, width: 1000, height: 1 });
    expect(Math.min(...stretched.data)).toBe(0);
    expect(Math.max(...stretched.data)).toBe(255);
  });
});
