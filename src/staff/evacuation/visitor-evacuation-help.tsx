"use client";
// The desk records that a visitor needs help to evacuate (the visitor asked for it). One yes/no,
// audited; only marshals see it, on the roll call of an evacuation.
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { setVisitorEvacuationHelpAction } from "@/src/staff/evacuation/actions";

export function VisitorEvacuationHelp({ visitorId, initial }: { visitorId: string; initial: boolean }) {
  const t = useTranslations("evacuation.help");
  const [on, setOn] = useState(initial);
  const [pending, start] = useTransition();
  return (
    <label className="checkbox">
      <input
        type="checkbox"
        checked={on}
        disabled={pending}
        data-testid="visitor-evacuation-help"
        onChange={(e) => {
          const next = e.target.checked;
          setOn(next);
          start(async () => {
            const r = await setVisitorEvacuationHelpAction(visitorId, next);
            if (!r.ok) setOn(!next);
          });
        }}
      />
      {t("visitor")}
    </label>
  );
}
