import { getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/src/i18n/navigation";
import { pageTitle } from "@/src/i18n/page-title";
import { loadStaffLocations, pickLocation } from "@/src/staff/desk/staff-locations";
import { loadPrintRegister } from "@/src/staff/register/load-register-page";
import { PrintButton } from "@/src/staff/register/print-button";
import { PrintRegister } from "@/src/staff/register/print-register";
import { requireStaff } from "@/src/staff/shell/require-staff";
import "@/src/staff/register/register-print.css";

export const generateMetadata = pageTitle("register");

// Always the register as it is now: never a cached sheet.
export const dynamic = "force-dynamic";

export default async function RegisterPrintPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<{ location?: string | string[] }>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireStaff(locale, "register.view", "/staff/register/print");
  const location = pickLocation(await loadStaffLocations(actor), (await searchParams).location);
  const t = await getTranslations("register");
  if (!location) return <p>{t("noLocations")}</p>;
  const register = await loadPrintRegister(actor, location.id);
  return (
    <div className="stack">
      <div className="row no-print">
        <PrintButton label={t("printView.printNow")} />
        <Link href={{ pathname: "/staff/register", query: { location: location.id } }} className="btn btn-secondary">
          {t("printView.back")}
        </Link>
      </div>
      <PrintRegister register={register} />
    </div>
  );
}
