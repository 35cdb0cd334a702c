import { getTranslations, setRequestLocale } from "next-intl/server";
import { MAX_BAN_DAYS } from "@/src/domain/bans/manage-bans";
import { localDay } from "@/src/domain/local-day";
import { Link } from "@/src/i18n/navigation";
import { pageTitle } from "@/src/i18n/page-title";
import { domain } from "@/src/server/runtime";
import { BanForm } from "@/src/staff/bans/ban-form";
import { requireStaffLocation } from "@/src/staff/desk/staff-locations";

export const generateMetadata = pageTitle("bans", "form.title");

export default async function NewBanPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<{ location?: string | string[] }>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const { locations, location } = await requireStaffLocation(
    locale,
    "bans.manage",
    "/staff/bans/new",
    (await searchParams).location,
  );
  const t = await getTranslations("bans");
  const ctx = await domain();
  return (
    <div className="stack" style={{ maxWidth: "48rem" }}>
      <p>
        <Link href="/staff/bans">{t("back")}</Link>
      </p>
      <h1>{t("form.title")}</h1>
      <p className="muted">{t("form.intro")}</p>
      {location ? (
        <BanForm
          locations={locations.map((l) => ({ id: l.id, name: l.name }))}
          defaultLocationId={location.id}
          today={localDay(ctx.clock.now(), location.timeZone)}
          maxDays={MAX_BAN_DAYS}
        />
      ) : (
        <p>{t("noLocations")}</p>
      )}
    </div>
  );
}
