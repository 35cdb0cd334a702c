import { getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/src/i18n/navigation";
import { pageTitle } from "@/src/i18n/page-title";
import { LocationHeader } from "@/src/staff/desk/location-picker";
import { requireStaffLocation } from "@/src/staff/desk/staff-locations";
import { loadRegisterPage } from "@/src/staff/register/load-register-page";
import { RegisterView } from "@/src/staff/register/register-view";
import { NoLocations } from "@/src/staff/shell/no-locations";

export const generateMetadata = pageTitle("register");

export default async function RegisterPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<{ location?: string | string[] }>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const { actor, locations, location } = await requireStaffLocation(
    locale,
    "register.view",
    "/staff/register",
    (await searchParams).location,
  );
  const t = await getTranslations("register");

  if (!location) {
    return <NoLocations title={t("title")} text={t("noLocations")} />;
  }

  const data = await loadRegisterPage(actor, location.id);
  return (
    <div className="stack">
      <LocationHeader
        title={t("titleAt", { location: location.name })}
        picker={{ locations, currentId: location.id, label: t("location"), submitLabel: t("showLocation") }}
      >
        <Link
          href={{ pathname: "/staff/register/print", query: { location: location.id } }}
          className="btn btn-secondary"
          data-testid="register-print-link"
        >
          {t("print")}
        </Link>
      </LocationHeader>
      <RegisterView key={location.id} data={data} />
    </div>
  );
}
