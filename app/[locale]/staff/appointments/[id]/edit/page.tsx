import { forbidden, notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { isAppError } from "@/src/domain/errors";
import { wallClock } from "@/src/domain/local-day";
import { Link } from "@/src/i18n/navigation";
import { pageTitle } from "@/src/i18n/page-title";
import { AppointmentForm } from "@/src/staff/appointments/appointment-form";
import { loadAppointment, loadFormChoices, mayUseAppointments } from "@/src/staff/appointments/load-appointments";
import { requireStaff } from "@/src/staff/shell/require-staff";

export const generateMetadata = pageTitle("appointments", "form.editTitle");

export default async function EditAppointmentPage({ params }: { params: Promise<{ locale: string; id: string }> }) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const actor = await requireStaff(locale, "dashboard.view", "/staff/appointments");
  if (!mayUseAppointments(actor)) forbidden();
  const a = await loadAppointment(actor, id).catch((err) => {
    if (isAppError(err) && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const t = await getTranslations("appointments");
  const { hosts, rooms, today } = await loadFormChoices(actor, a.locationId);
  return (
    <div className="stack" style={{ maxWidth: "48rem" }}>
      <p>
        <Link href={`/staff/appointments?location=${encodeURIComponent(a.locationId)}`}>{t("back")}</Link>
      </p>
      <h1>{t("form.editTitle")}</h1>
      {a.status !== "SCHEDULED" ? (
        <p>{t("form.notEditable")}</p>
      ) : (
        <>
          <p className="muted">{t("form.editIntro")}</p>
          <AppointmentForm
            locationId={a.locationId}
            hosts={hosts}
            rooms={rooms}
            today={today}
            visitor={a.visitorId ? { id: a.visitorId, name: a.visitorName ?? "" } : null}
            showPurpose={a.purposeVisible}
            values={{
              id: a.id,
              day: a.day,
              startTime: wallClock(new Date(a.startsAt), a.timeZone),
              endTime: a.endsAt ? wallClock(new Date(a.endsAt), a.timeZone) : "",
              hostId: a.hostId,
              roomId: a.roomId ?? "",
              purpose: a.purpose ?? "",
              risky: a.risky,
            }}
          />
        </>
      )}
    </div>
  );
}
