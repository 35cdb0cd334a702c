// On the staff home: for managers and safety officers, how many incident tasks are overdue (the
// 48-hour response, aftercare questions) and how many alarm drafts still wait for registration,
// with a link to the incident lists. Nothing when there is nothing to do; kept current live.
import { getTranslations } from "next-intl/server";
import { can } from "@/src/domain/access/permissions";
import { listOpenIncidents } from "@/src/domain/incidents/incident-view";
import { Link } from "@/src/i18n/navigation";
import { domain } from "@/src/server/runtime";
import { IncidentTasksLive } from "@/src/staff/incidents/incident-tasks-live";
import type { StaffActor } from "@/src/staff/shell/require-staff";

export async function IncidentTasksNotice({ actor }: { actor: StaffActor }) {
  if (!can(actor, "incidents.register")) return null;
  const ctx = await domain();
  const { incidents, overdue, managed } = await listOpenIncidents(ctx, actor);
  if (!managed) return null;
  // Live: a task that becomes due while the home page is open shows at once.
  const live = <IncidentTasksLive renderedAt={ctx.clock.now().toISOString()} />;
  const drafts = incidents.filter((i) => i.status === "DRAFT").length;
  if (overdue.length === 0 && drafts === 0) return live;
  const t = await getTranslations("incidents.home");
  return (
    <>
      {live}
      <div className="alert alert-warn row" data-testid="incident-tasks-notice" style={{ alignItems: "baseline" }}>
        <span style={{ flex: 1 }}>
          {overdue.length > 0 && t("overdue", { count: overdue.length })} {drafts > 0 && t("drafts", { count: drafts })}
        </span>
        <Link href="/staff/incidents">{t("open")}</Link>
      </div>
    </>
  );
}
