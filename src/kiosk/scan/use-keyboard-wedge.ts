"use client";
// Keyboard-wedge scanners (barcode scanners and MRZ document readers that act as a keyboard: the
// common hardware at real desks) anywhere on the page, while no text field has focus. When the
// kiosk's manual code field has focus, the scanner types into that field instead, and its Enter
// submits it: that path ends in the same onScan(text, "manual"), so nothing is lost.
import { useEffect, useRef } from "react";
import { normaliseScan } from "./normalise";
import type { OnScan } from "./types";
import { createWedgeCollector, type WedgeOptions } from "./wedge-collector";

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !["button", "checkbox", "radio", "range", "reset", "submit", "color", "file", "image"].includes(target.type);
  }
  return false;
}

export interface KeyboardWedgeOptions extends Partial<WedgeOptions> {
  /** Stop listening (e.g. while a dialog with its own input is open). */
  disabled?: boolean;
}

export function useKeyboardWedge(onScan: OnScan, options: KeyboardWedgeOptions = {}): void {
  const onScanRef = useRef(onScan);
  onScanRef.current = onScan;
  const { disabled = false, maxGapMs, breakGapMs, minLength, lineWaitMs } = options;

  useEffect(() => {
    if (disabled) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const collector = createWedgeCollector(
      (text) => {
        const clean = normaliseScan(text);
        if (clean) onScanRef.current(clean, "wedge");
      },
      { maxGapMs, breakGapMs, minLength, lineWaitMs },
    );
    const schedule = (wait: number) => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (Number.isFinite(wait)) timer = setTimeout(() => schedule(collector.tick(performance.now())), wait + 1);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.isComposing || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isEditable(event.target)) {
        collector.reset();
        return;
      }
      const key = event.key === "NumpadEnter" ? "Enter" : event.key;
      const { swallow } = collector.key(key, event.timeStamp || performance.now());
      if (swallow) event.preventDefault();
      schedule(collector.tick(performance.now()));
    };
    window.addEventListener("keydown", onKeyDown, { capture: true });
    return () => {
      window.removeEventListener("keydown", onKeyDown, { capture: true });
      if (timer) clearTimeout(timer);
    };
  }, [disabled, maxGapMs, breakGapMs, minLength, lineWaitMs]);
}
