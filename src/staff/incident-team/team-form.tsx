"use client";
// Tick the colleagues on this week's incident team; "same as last week" ticks last week's team.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { setIncidentTeamAction } from "@/src/staff/incident-team/actions";
import type { IncidentTeamData } from "@/src/staff/incident-team/load-incident-team";
import { FormMessage, SubmitButton, useFormAction } from "@/src/ui/form-kit";

export function TeamForm({ locationId, data }: { locationId: string; data: IncidentTeamData }) {
  const t = useTranslations("incidentTeam");
  const tRoles = useTranslations("staff.roles");
  const { state, pending, onSubmit } = useFormAction(setIncidentTeamAction);
  const [checked, setChecked] = useState(() => new Set(data.members));
  const toggle = (id: string) =>
    setChecked((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <form onSubmit={onSubmit} className="stack" data-testid="incident-team-form">
      <input type="hidden" name="locationId" value={locationId} />
      <input type="hidden" name="weekStart" value={data.weekStart} />
      <fieldset className="stack">
        <legend>{t("members")}</legend>
        {data.staff.length === 0 && <p>{t("noStaff")}</p>}
        {data.staff.map((s) => (
          <label key={s.id} style={{ minHeight: 44, display: "flex", alignItems: "center", gap: 8 }}>
            <input
              type="checkbox"
              name="staffIds"
              value={s.id}
              checked={checked.has(s.id)}
              onChange={() => toggle(s.id)}
              style={{ width: 24, height: 24 }}
            />
            {s.name} <span className="muted">({tRoles(s.role)})</span>
          </label>
        ))}
      </fieldset>
      <div className="row">
        <SubmitButton pending={pending}>{t("save")}</SubmitButton>
        {data.previous.length > 0 && (
          <button type="button" className="btn btn-secondary" onClick={() => setChecked(new Set(data.previous))}>
            {t("copyPrevious")}
          </button>
        )}
      </div>
      <FormMessage
        testId="incident-team"
        result={state}
        fields={[]}
        success={t("saved", { count: state?.ok ? state.data.count : 0 })}
      />
    </form>
  );
}
