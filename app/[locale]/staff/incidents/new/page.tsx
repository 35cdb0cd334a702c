import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { isAppError } from "@/src/domain/errors";
import { draftPrefill, recentVisitorsAt } from "@/src/domain/incidents/incident-view";
import { localDay, wallClock } from "@/src/domain/local-day";
import { pageTitle } from "@/src/i18n/page-title";
import { domain } from "@/src/server/runtime";
import { LocationPicker } from "@/src/staff/desk/location-picker";
import { requireStaffLocation } from "@/src/staff/desk/staff-locations";
import { IncidentForm } from "@/src/staff/incidents/incident-form";
import { NoLocations } from "@/src/staff/shell/no-locations";

export const generateMetadata = pageTitle("incidents.form", "titleNew");

const localInput = (at: Date, tz: string) => `${localDay(at, tz)}T${wallClock(at, tz)}`;

/** Register an incident: fresh (?location=) or an alarm's draft (?draft=<incident id>). */
export default async function NewIncidentPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<{ location?: string | string[]; draft?: string | string[] }>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const query = await searchParams;
  const { actor, locations, location } = await requireStaffLocation(
    locale,
    "incidents.register",
    "/staff/incidents/new",
    query.location,
  );
  const t = await getTranslations("incidents");
  if (!location) return <NoLocations title={t("form.titleNew")} text={t("lists.noOpen")} />;
  const ctx = await domain();
  const draftId = typeof query.draft === "string" ? query.draft : null;
  let prefill = null;
  if (draftId) {
    try {
      prefill = await draftPrefill(ctx, actor, draftId);
    } catch (err) {
      if (isAppError(err)) notFound();
      throw err;
    }
  }
  const locationId = prefill?.locationId ?? location.id;
  const place = await ctx.db.location.findUniqueOrThrow({
    where: { id: locationId },
    select: { timeZone: true, name: true },
  });
  const [rooms, staff, recentVisitors] = await Promise.all([
    ctx.db.room.findMany({ where: { locationId }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    ctx.db.staffMember.findMany({
      where: { active: true, locations: { some: { locationId } } },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
    // A draft's location the registering person does not work at: no list, the number field stays.
    recentVisitorsAt(ctx, actor, locationId).catch((err) => {
      if (isAppError(err)) return [];
      throw err;
    }),
  ]);
  const now = ctx.clock.now();
  return (
    <div className="stack">
      <div className="row" style={{ alignItems: "flex-end" }}>
        <h1 style={{ margin: 0, flex: 1 }}>{prefill ? t("form.titleDraft") : t("form.titleNew")}</h1>
        {!prefill && (
          <LocationPicker
            locations={locations}
            currentId={location.id}
            label={t("form.location")}
            submitLabel={t("lists.filter")}
          />
        )}
      </div>
      {prefill && (
        <p className="alert alert-warn" data-testid="incident-prefilled">
          {t("form.fromAlarm")} ({place.name})
        </p>
      )}
      <IncidentForm
        draftId={prefill?.incidentId ?? null}
        locationId={locationId}
        occurredAt={localInput(prefill ? new Date(prefill.occurredAt) : now, place.timeZone)}
        maxOccurredAt={localInput(new Date(now.getTime() + 5 * 60_000), place.timeZone)}
        rooms={rooms}
        staff={staff}
        roomId={prefill?.roomId ?? null}
        affectedStaffId={prefill?.affectedStaffId ?? (staff.some((s) => s.id === actor.id) ? actor.id : null)}
        visitorId={prefill?.visitorId ?? null}
        visitorName={prefill?.visitorName ?? null}
        recentVisitors={recentVisitors}
        timeZone={place.timeZone}
      />
    </div>
  );
}
