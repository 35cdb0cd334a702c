import { forbidden } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/src/i18n/navigation";
import { pageTitle } from "@/src/i18n/page-title";
import { AppointmentForm } from "@/src/staff/appointments/appointment-form";
import { loadFormChoices, mayUseAppointments, visitorForForm } from "@/src/staff/appointments/load-appointments";
import { loadStaffLocations, pickLocation } from "@/src/staff/desk/staff-locations";
import { requireStaff } from "@/src/staff/shell/require-staff";

export const generateMetadata = pageTitle("appointments", "form.newTitle");

export default async function NewAppointmentPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<{ location?: string | string[]; visitor?: string | string[] }>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireStaff(locale, "dashboard.view", "/staff/appointments/new");
  if (!mayUseAppointments(actor)) forbidden();
  const query = await searchParams;
  const location = pickLocation(await loadStaffLocations(actor), query.location);
  const t = await getTranslations("appointments");
  if (!location) return <p>{t("noLocations")}</p>;
  const [{ hosts, rooms, today }, visitor] = await Promise.all([
    loadFormChoices(actor, location.id),
    visitorForForm(actor, query.visitor),
  ]);
  return (
    <div className="stack" style={{ maxWidth: "48rem" }}>
      <p>
        <Link href={`/staff/appointments?location=${encodeURIComponent(location.id)}`}>{t("back")}</Link>
      </p>
      <h1>{t("form.newTitle")}</h1>
      <p className="muted">{t("form.intro", { location: location.name })}</p>
      <AppointmentForm
        locationId={location.id}
        hosts={hosts}
        rooms={rooms}
        today={today}
        visitor={visitor}
        showPurpose
        values={{
          day: today,
          startTime: "",
          endTime: "",
          hostId: hosts.length === 1 ? hosts[0].id : "",
          roomId: "",
          purpose: "",
          risky: false,
        }}
      />
    </div>
  );
}
