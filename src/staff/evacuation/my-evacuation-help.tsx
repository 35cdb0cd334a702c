"use client";
// "Needs help to evacuate" for a staff member (optional; only marshals see it): staff declare
// their own; an admin sets a colleague's on the staff page (the colleague asked).
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { setMyEvacuationHelpAction, setStaffEvacuationHelpAction } from "@/src/staff/evacuation/actions";

export function MyEvacuationHelp({ initial }: { initial: boolean }) {
  const t = useTranslations("evacuation.help");
  return (
    <EvacuationHelpToggle initial={initial} label={t("mine")} testId="evac-my-help" save={setMyEvacuationHelpAction} />
  );
}

export function StaffEvacuationHelp({ staffId, name, initial }: { staffId: string; name: string; initial: boolean }) {
  const t = useTranslations("evacuation.help");
  return (
    <EvacuationHelpToggle
      initial={initial}
      label={t("colleague", { name })}
      testId="evac-staff-help"
      save={(on) => setStaffEvacuationHelpAction(staffId, on)}
    />
  );
}

function EvacuationHelpToggle({
  initial,
  label,
  testId,
  save,
}: {
  initial: boolean;
  label: string;
  testId: string;
  save: (on: boolean) => Promise<{ ok: boolean }>;
}) {
  const t = useTranslations("evacuation.help");
  const [on, setOn] = useState(initial);
  const [saved, setSaved] = useState(false);
  const [pending, start] = useTransition();
  return (
    <section className="card stack" aria-labelledby="evac-help-title">
      <h2 id="evac-help-title" style={{ margin: 0 }}>
        {t("title")}
      </h2>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={on}
          disabled={pending}
          data-testid={testId}
          onChange={(e) => {
            const next = e.target.checked;
            setOn(next);
            setSaved(false);
            start(async () => {
              const r = await save(next);
              if (r.ok) setSaved(true);
              else setOn(!next);
            });
          }}
        />
        {label}
      </label>
      <p role="status" className="muted" style={{ margin: 0 }}>
        {saved ? t("saved") : ""}
      </p>
    </section>
  );
}
