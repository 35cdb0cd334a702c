"use client";
// Press and hold (about one second) to trigger: a pointer held on the button or Space/Enter held
// down. A fill grows while holding; letting go early does nothing. Long-press menus and text
// selection are suppressed so a finger on a wall tablet works.
import { type CSSProperties, type ReactNode, useCallback, useEffect, useRef, useState } from "react";

export const HOLD_MS = 1000;

export function HoldButton({
  onTrigger,
  disabled = false,
  label,
  describedBy,
  color,
  children,
  testId,
  style,
}: {
  onTrigger: () => void;
  disabled?: boolean;
  /** The accessible name (the visible text is decorative). */
  label: string;
  describedBy?: string;
  color: string;
  children: ReactNode;
  testId?: string;
  style?: CSSProperties;
}) {
  const [holding, setHolding] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const trigger = useRef(onTrigger);
  trigger.current = onTrigger;

  const stop = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = undefined;
    setHolding(false);
  }, []);
  const start = useCallback(() => {
    if (disabled || timer.current) return;
    setHolding(true);
    timer.current = setTimeout(() => {
      timer.current = undefined;
      setHolding(false);
      trigger.current();
    }, HOLD_MS);
  }, [disabled]);
  useEffect(() => stop, [stop]);
  useEffect(() => {
    if (disabled) stop();
  }, [disabled, stop]);

  return (
    <button
      type="button"
      aria-label={label}
      aria-describedby={describedBy}
      aria-disabled={disabled || undefined}
      data-testid={testId}
      data-holding={holding ? "true" : "false"}
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        e.currentTarget.setPointerCapture?.(e.pointerId);
        start();
      }}
      onPointerUp={stop}
      onPointerCancel={stop}
      onLostPointerCapture={stop}
      onKeyDown={(e) => {
        if (e.key !== " " && e.key !== "Enter") return;
        e.preventDefault();
        if (!e.repeat) start();
      }}
      onKeyUp={(e) => {
        if (e.key === " " || e.key === "Enter") stop();
      }}
      onBlur={stop}
      onContextMenu={(e) => e.preventDefault()}
      style={{
        position: "relative",
        overflow: "hidden",
        border: `4px solid ${color}`,
        borderRadius: "1.25rem",
        background: holding ? "#fff5f4" : "#fff",
        color,
        cursor: disabled ? "not-allowed" : "pointer",
        touchAction: "none",
        userSelect: "none",
        WebkitUserSelect: "none",
        WebkitTouchCallout: "none",
        minHeight: "12rem",
        padding: "1.5rem",
        font: "inherit",
        opacity: disabled ? 0.6 : 1,
        ...style,
      }}
    >
      <span style={{ position: "relative" }}>{children}</span>
      <span
        aria-hidden="true"
        data-testid={testId ? `${testId}-fill` : undefined}
        style={{
          position: "absolute",
          left: 0,
          right: 0,
          bottom: 0,
          height: "1.25rem",
          background: color,
          transformOrigin: "left",
          transform: holding ? "scaleX(1)" : "scaleX(0)",
          transition: holding ? `transform ${HOLD_MS}ms linear` : "transform 120ms ease-out",
        }}
      />
    </button>
  );
}
