// Tells a keyboard-wedge scanner from a person at a keyboard. A scanner "types" a whole code in a
// burst (a few ms a key) and ends it with Enter; a document (MRZ) reader types 2 or 3 such lines.
// A person averages well over 50 ms a key, and does not type 4+ keys and Enter at that pace.
// The test is the AVERAGE gap (<= 50 ms), not every gap: a Bluetooth scanner's or a busy
// machine's key events arrive with some jitter. Pure (time is passed in), so it is tested without
// a browser; use-keyboard-wedge.ts feeds it the page's keystrokes.

export interface WedgeOptions {
  /** Largest average gap between the keystrokes of one scan, Enter included (ms). */
  maxGapMs: number;
  /** A pause longer than this starts a new sequence (ms). */
  breakGapMs: number;
  /** Fewest characters a scanned line has. */
  minLength: number;
  /** How long to wait after a line's Enter (or after the last key of the next line) for another MRZ line, in ms. */
  lineWaitMs: number;
}

export const DEFAULT_WEDGE_OPTIONS: WedgeOptions = { maxGapMs: 50, breakGapMs: 150, minLength: 4, lineWaitMs: 150 };

/** What the page should do with the keystroke just fed. */
export interface WedgeKeyOutcome {
  /** The key belongs to a scan in progress: keep it from the page (no button "clicked" by Enter). */
  swallow: boolean;
}

/** Could this line be part of a machine-readable zone (TD1 30 or TD3 44 characters)? */
const mrzLike = (line: string) => (line.length === 30 || line.length === 44) && /^[A-Z0-9<]+$/i.test(line);
const completeMrz = (lines: string[]) => {
  const lengths = lines.map((l) => l.length).join(",");
  return lengths === "30,30,30" || lengths === "44,44";
};

export function createWedgeCollector(emit: (text: string) => void, options: Partial<WedgeOptions> = {}) {
  const o = { ...DEFAULT_WEDGE_OPTIONS };
  for (const [name, value] of Object.entries(options) as [keyof WedgeOptions, number | undefined][]) {
    if (typeof value === "number" && Number.isFinite(value)) o[name] = value;
  }
  let chars: string[] = [];
  let times: number[] = [];
  let lines: string[] = [];
  let linesDeadline = Number.POSITIVE_INFINITY;

  const clear = () => {
    chars = [];
    times = [];
  };
  const flushLines = () => {
    if (lines.length > 0) emit(lines.join("\n"));
    lines = [];
    linesDeadline = Number.POSITIVE_INFINITY;
  };
  const averageGap = (until: number) => (until - times[0]) / chars.length;

  /** Advance time: emits waiting MRZ lines once no further line came. Returns ms until the next deadline. */
  const tick = (now: number): number => {
    if (now >= linesDeadline) flushLines();
    return linesDeadline === Number.POSITIVE_INFINITY ? Number.POSITIVE_INFINITY : linesDeadline - now;
  };

  return {
    tick,
    /** Feed one keydown: `key` as KeyboardEvent.key, `at` in ms. */
    key(key: string, at: number): WedgeKeyOutcome {
      tick(at);
      const last = times.length > 0 ? times[times.length - 1] : Number.NEGATIVE_INFINITY;
      if (key === "Enter") {
        // A stray key pressed just before the burst is not part of it.
        while (chars.length > o.minLength && times[1] - times[0] > 2 * o.maxGapMs) {
          chars.shift();
          times.shift();
        }
        const isScan = chars.length >= o.minLength && at - last <= o.breakGapMs && averageGap(at) <= o.maxGapMs;
        const line = chars.join("");
        clear();
        if (!isScan) return { swallow: false };
        lines.push(line);
        // A code that cannot be an MRZ line goes at once; MRZ lines wait briefly for the next line.
        if (lines.length === 1 && !mrzLike(line)) flushLines();
        else if (completeMrz(lines)) flushLines();
        else linesDeadline = at + o.lineWaitMs;
        return { swallow: true };
      }
      if (key.length !== 1) return { swallow: false }; // Shift, arrows, F-keys: neither part nor break
      if (at - last > o.breakGapMs) clear();
      chars.push(key);
      times.push(at);
      // The next MRZ line is coming in: keep waiting for it while its keys arrive.
      if (lines.length > 0 && chars.length > 0) linesDeadline = at + o.lineWaitMs;
      // Swallow once the burst is clearly machine-typed (its first keys still reach the page).
      return { swallow: chars.length >= 3 && averageGap(at) <= o.maxGapMs / 2 };
    },
    /** Drop anything half-typed (e.g. when a text field gets focus). */
    reset(): void {
      clear();
      lines = [];
      linesDeadline = Number.POSITIVE_INFINITY;
    },
  };
}
