"use client";
// Opens the browser's print dialog for the printed register.
export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" className="btn" onClick={() => window.print()} data-testid="register-print-now">
      {label}
    </button>
  );
}
