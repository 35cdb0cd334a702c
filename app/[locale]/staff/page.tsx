import { getTranslations, setRequestLocale } from "next-intl/server";
import { loadStaffHome } from "@/src/staff/home/load-staff-home";
import { PresenceButtons } from "@/src/staff/home/presence-button";
import { IncidentTasksNotice } from "@/src/staff/incidents/tasks-notice";
import { requireStaff } from "@/src/staff/shell/require-staff";

export default async function StaffHomePage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireStaff(locale);
  const home = await loadStaffHome(actor);
  const t = await getTranslations("staff");
  return (
    <div className="stack">
      <h1>{t("home.greeting", { name: home.name })}</h1>
      <p className="muted" data-testid="staff-role">
        {t(`roles.${home.role}`)}
      </p>
      <IncidentTasksNotice actor={actor} />
      {home.canSignInSelf && home.locations.length > 0 && (
        <PresenceButtons staffId={home.staffId} locations={home.locations} initial={home.presence} />
      )}
      <h2>{t("home.yourLocations")}</h2>
      {home.locations.length === 0 && <p>{t("home.noLocations")}</p>}
      <div className="grid">
        {home.locations.map((l) => (
          <section key={l.id} className="card" aria-labelledby={`loc-${l.id}`}>
            <h3 id={`loc-${l.id}`}>{l.name}</h3>
            <p>{t(`home.kinds.${l.kind}`)}</p>
            {l.capacity != null && <p>{t("home.capacity", { capacity: l.capacity })}</p>}
            {l.devices && <p>{t("home.devicesOnline", l.devices)}</p>}
          </section>
        ))}
      </div>
    </div>
  );
}
