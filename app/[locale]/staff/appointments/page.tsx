import { forbidden } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/src/i18n/navigation";
import { pageTitle } from "@/src/i18n/page-title";
import { AppointmentTable } from "@/src/staff/appointments/appointment-table";
import { CancelAppointmentForm } from "@/src/staff/appointments/cancel-form";
import { LiveAppointments } from "@/src/staff/appointments/live-appointments";
import { loadAppointments, mayUseAppointments, UPCOMING_DAYS } from "@/src/staff/appointments/load-appointments";
import { requireStaff } from "@/src/staff/shell/require-staff";

export const generateMetadata = pageTitle("appointments");

type Query = Record<
  "location" | "created" | "updated" | "rescheduled" | "cancelled" | "cancel",
  string | string[] | undefined
>;

export default async function AppointmentsPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Partial<Query>>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireStaff(locale, "dashboard.view", "/staff/appointments");
  if (!mayUseAppointments(actor)) forbidden();
  const query = await searchParams;
  const { locations, location, today, upcoming, now } = await loadAppointments(actor, query.location);
  const t = await getTranslations("appointments");
  if (!location) return <p>{t("noLocations")}</p>;
  const all = [...today, ...upcoming];
  const named = (id: string | string[] | undefined) =>
    typeof id === "string" ? (all.find((a) => a.id === id)?.visitorName ?? t("noVisitor")) : null;
  const cancelling = all.find((a) => a.id === query.cancel && a.status === "SCHEDULED");
  const back = `/staff/appointments?location=${encodeURIComponent(location.id)}`;
  const notices = (["created", "updated", "rescheduled", "cancelled"] as const).filter(
    (k) => typeof query[k] === "string",
  );

  return (
    <div className="stack">
      <LiveAppointments renderedAt={now} locationId={location.id} />
      <div className="row">
        <h1 style={{ margin: 0, flex: 1 }}>{t("title")}</h1>
        <Link
          className="btn"
          href={`/staff/appointments/new?location=${encodeURIComponent(location.id)}`}
          data-testid="new-appointment"
        >
          {t("new")}
        </Link>
      </div>
      <p className="muted">{t("intro")}</p>
      {locations.length > 1 && (
        <nav aria-label={t("locationPicker")} className="row">
          {locations.map((l) => (
            <Link
              key={l.id}
              href={`/staff/appointments?location=${encodeURIComponent(l.id)}`}
              className={l.id === location.id ? "btn" : "btn btn-secondary"}
              aria-current={l.id === location.id ? "page" : undefined}
            >
              {l.name}
            </Link>
          ))}
        </nav>
      )}
      {notices.map((k) => (
        <div key={k} className="alert alert-ok" role="status" data-testid={`appointment-${k}`}>
          {t(`notices.${k}`, { name: named(query[k]) ?? "" })}
        </div>
      ))}
      {cancelling && (
        <CancelAppointmentForm
          key={cancelling.id}
          id={cancelling.id}
          name={cancelling.visitorName ?? t("noVisitor")}
          back={back}
        />
      )}

      <section className="stack" aria-labelledby="appt-today">
        <h2 id="appt-today">{t("today", { location: location.name })}</h2>
        {today.length === 0 ? (
          <p data-testid="appointments-today-empty">{t("emptyToday")}</p>
        ) : (
          <AppointmentTable
            rows={today}
            caption={t("today", { location: location.name })}
            showDay={false}
            testId="appointments-today"
            locale={locale}
          />
        )}
      </section>
      <section className="stack" aria-labelledby="appt-upcoming">
        <h2 id="appt-upcoming">{t("upcoming", { days: UPCOMING_DAYS })}</h2>
        {upcoming.length === 0 ? (
          <p>{t("emptyUpcoming")}</p>
        ) : (
          <AppointmentTable
            rows={upcoming}
            caption={t("upcoming", { days: UPCOMING_DAYS })}
            showDay
            testId="appointments-upcoming"
            locale={locale}
          />
        )}
      </section>
    </div>
  );
}
