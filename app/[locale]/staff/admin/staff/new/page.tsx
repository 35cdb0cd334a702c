import { getTranslations, setRequestLocale } from "next-intl/server";
import { MIN_PASSWORD_LENGTH } from "@/src/domain/staff/passwords";
import { Link } from "@/src/i18n/navigation";
import { loadLocationOptions } from "@/src/staff/admin-staff/load-admin-staff";
import { StaffForm } from "@/src/staff/admin-staff/staff-form";
import { requireStaff } from "@/src/staff/shell/require-staff";

export default async function NewStaffPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  await requireStaff(locale, "staff.manage", "/staff/admin/staff/new");
  const locations = await loadLocationOptions();
  const t = await getTranslations("adminStaff");
  return (
    <div className="stack" style={{ maxWidth: "40rem" }}>
      <p style={{ margin: 0 }}>
        <Link
          href="/staff/admin/staff"
          style={{ display: "inline-flex", alignItems: "center", minHeight: "var(--touch)" }}
        >
          {t("back")}
        </Link>
      </p>
      <h1>{t("newForm.title")}</h1>
      <StaffForm mode="create" locations={locations} minPasswordLength={MIN_PASSWORD_LENGTH} />
    </div>
  );
}
