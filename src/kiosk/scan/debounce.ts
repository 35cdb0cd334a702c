/**
 * "The same code within 3 s is one scan": a code held in front of the camera is read at every
 * frame. A text is suppressed while it keeps being seen within `windowMs` of its last sighting;
 * a different text, or the same one after a pause, is a new scan.
 */
export function createScanDebouncer(windowMs = 3000) {
  let lastText: string | null = null;
  let lastSeen = Number.NEGATIVE_INFINITY;
  return {
    /** True when this sighting is a new scan; `now` in ms (performance.now() or Date.now()). */
    accept(text: string, now: number): boolean {
      const repeat = text === lastText && now - lastSeen < windowMs;
      lastText = text;
      lastSeen = now;
      return !repeat;
    },
    reset(): void {
      lastText = null;
      lastSeen = Number.NEGATIVE_INFINITY;
    },
  };
}
