import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { MIN_PASSWORD_LENGTH } from "@/src/domain/staff/passwords";
import { Link } from "@/src/i18n/navigation";
import { ActiveForm } from "@/src/staff/admin-staff/active-form";
import { BadgeForm } from "@/src/staff/admin-staff/badge-form";
import { loadLocationOptions, loadStaffMember } from "@/src/staff/admin-staff/load-admin-staff";
import { ResetPasswordForm } from "@/src/staff/admin-staff/reset-password-form";
import { StaffForm } from "@/src/staff/admin-staff/staff-form";
import { StaffEvacuationHelp } from "@/src/staff/evacuation/my-evacuation-help";
import { requireStaff } from "@/src/staff/shell/require-staff";

export default async function EditStaffPage({ params }: { params: Promise<{ locale: string; id: string }> }) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const actor = await requireStaff(locale, "staff.manage", `/staff/admin/staff/${encodeURIComponent(id)}`);
  const [member, locations] = await Promise.all([loadStaffMember(id), loadLocationOptions()]);
  if (!member) notFound();
  const t = await getTranslations("adminStaff");
  const tRoles = await getTranslations("staff.roles");
  const isSelf = member.id === actor.id;

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
      <div>
        <h1 style={{ marginBottom: "0.25rem" }}>{member.name}</h1>
        <p className="muted" data-testid="staff-summary">
          {tRoles(member.role)} ·{" "}
          <span className={`badge ${member.active ? "badge-ok" : "badge-off"}`}>
            {member.active ? t("status.active") : t("status.inactive")}
          </span>
        </p>
      </div>

      <StaffForm
        heading={t("edit.detailsTitle")}
        mode="edit"
        initial={{
          id: member.id,
          name: member.name,
          email: member.email,
          role: member.role,
          locale: member.locale,
          locationIds: member.locations.map((l) => l.id),
        }}
        locations={locations}
        minPasswordLength={MIN_PASSWORD_LENGTH}
        isSelf={isSelf}
      />

      <ResetPasswordForm staffId={member.id} minPasswordLength={MIN_PASSWORD_LENGTH} />
      <BadgeForm staffId={member.id} hasBadge={member.hasBadge} />
      <StaffEvacuationHelp staffId={member.id} name={member.name} initial={member.needsEvacuationHelp} />
      <ActiveForm staffId={member.id} name={member.name} active={member.active} />
    </div>
  );
}
