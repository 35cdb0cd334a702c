"use client";
// The pager's loud alarm: a two-tone siren made with Web Audio (no audio file), repeated while
// `ringing`, plus vibration where the device has it. Browsers only start audio after a tap on the
// page, so `unlock` must run inside a click handler ("Geluid aanzetten").
import { useCallback, useEffect, useRef, useState } from "react";

const CYCLE_MS = 1_600;

function siren(audio: AudioContext) {
  const gain = audio.createGain();
  gain.gain.value = 0.6;
  gain.connect(audio.destination);
  const t0 = audio.currentTime;
  [
    [960, 0],
    [760, 0.35],
    [960, 0.7],
    [760, 1.05],
  ].forEach(([hz, at]) => {
    const osc = audio.createOscillator();
    osc.type = "square";
    osc.frequency.value = hz;
    osc.connect(gain);
    osc.start(t0 + at);
    osc.stop(t0 + at + 0.3);
  });
}

export interface AlarmSound {
  /** Audio is allowed and running. */
  enabled: boolean;
  /** The browser supports Web Audio at all. */
  supported: boolean;
  /** Call from a click/tap: creates or resumes the audio and plays one short siren. */
  unlock: () => void;
}

export function useAlarmSound(ringing: boolean): AlarmSound {
  const audio = useRef<AudioContext | null>(null);
  const [enabled, setEnabled] = useState(false);
  const [supported, setSupported] = useState(true);

  useEffect(() => {
    if (typeof window === "undefined" || !("AudioContext" in window)) {
      setSupported(false);
      return;
    }
    // Some browsers allow audio without a tap (e.g. after earlier use of the installed app).
    try {
      const ctx = new AudioContext();
      audio.current = ctx;
      const update = () => setEnabled(ctx.state === "running");
      ctx.addEventListener("statechange", update);
      update();
      return () => {
        ctx.removeEventListener("statechange", update);
        void ctx.close().catch(() => {});
        audio.current = null;
      };
    } catch {
      setSupported(false);
    }
  }, []);

  const unlock = useCallback(() => {
    const ctx = audio.current;
    if (!ctx) return;
    void ctx
      .resume()
      .then(() => {
        setEnabled(ctx.state === "running");
        siren(ctx);
      })
      .catch(() => {});
  }, []);

  useEffect(() => {
    if (!ringing) return;
    const ring = () => {
      const ctx = audio.current;
      if (ctx && ctx.state === "running") siren(ctx);
      // Allowed once the person has tapped anywhere on this page (the browser's autoplay rule).
      else if (ctx && navigator.userActivation?.hasBeenActive) void ctx.resume().catch(() => {});
      if ("vibrate" in navigator) navigator.vibrate([400, 150, 400, 150, 400]);
    };
    ring();
    const timer = setInterval(ring, CYCLE_MS);
    return () => {
      clearInterval(timer);
      if ("vibrate" in navigator) navigator.vibrate(0);
    };
  }, [ringing]);

  return { enabled, supported, unlock };
}
