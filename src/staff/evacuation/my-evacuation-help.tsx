"use client";
// A staff member declares "I need help to evacuate" (optional; only marshals see it).
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { setMyEvacuationHelpAction } from "@/src/staff/evacuation/actions";

export function MyEvacuationHelp({ initial }: { initial: boolean }) {
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
          data-testid="evac-my-help"
          onChange={(e) => {
            const next = e.target.checked;
            setOn(next);
            setSaved(false);
            start(async () => {
              const r = await setMyEvacuationHelpAction(next);
              if (r.ok) setSaved(true);
              else setOn(!next);
            });
          }}
        />
        {t("mine")}
      </label>
      <p role="status" className="muted" style={{ margin: 0 }}>
        {saved ? t("saved") : ""}
      </p>
    </section>
  );
}
