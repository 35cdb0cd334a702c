import { getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/src/i18n/navigation";
import { loadStaffList } from "@/src/staff/admin-staff/load-admin-staff";
import { requireStaff } from "@/src/staff/shell/require-staff";

export default async function AdminStaffListPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<{ created?: string | string[] }>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireStaff(locale, "staff.manage", "/staff/admin/staff");
  const { created } = await searchParams;
  const staff = await loadStaffList();
  const t = await getTranslations("adminStaff");
  const tRoles = await getTranslations("staff.roles");
  const createdMember = typeof created === "string" ? staff.find((s) => s.id === created) : undefined;

  return (
    <div className="stack">
      <div className="row">
        <h1 style={{ margin: 0, flex: 1 }}>{t("title")}</h1>
        <Link className="btn" href="/staff/admin/staff/new" data-testid="new-staff">
          {t("new")}
        </Link>
      </div>
      <p className="muted">{t("intro")}</p>
      {createdMember && (
        <div className="alert alert-ok" role="status" data-testid="staff-created">
          {t("created", { name: createdMember.name })}
        </div>
      )}
      {staff.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <div style={{ overflowX: "auto" }}>
          <table className="table" data-testid="staff-table">
            <caption className="sr-only">{t("title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("columns.name")}</th>
                <th scope="col">{t("columns.email")}</th>
                <th scope="col">{t("columns.role")}</th>
                <th scope="col">{t("columns.locations")}</th>
                <th scope="col">{t("columns.status")}</th>
                <th scope="col">{t("columns.badge")}</th>
              </tr>
            </thead>
            <tbody>
              {staff.map((s) => (
                <tr key={s.id} data-testid={`staff-row-${s.id}`} data-email={s.email}>
                  <th scope="row" style={{ fontSize: "inherit", color: "inherit" }}>
                    <Link
                      href={`/staff/admin/staff/${s.id}`}
                      style={{ display: "inline-flex", alignItems: "center", minHeight: "var(--touch)" }}
                    >
                      {s.name}
                    </Link>
                    {s.id === actor.id && <span className="muted"> {t("you")}</span>}
                  </th>
                  <td>{s.email}</td>
                  <td>{tRoles(s.role)}</td>
                  <td>
                    {s.role === "ADMIN" && s.locations.length === 0
                      ? t("allLocations")
                      : s.locations.map((l) => l.name).join(", ") || t("noLocations")}
                  </td>
                  <td>
                    <span className={`badge ${s.active ? "badge-ok" : "badge-off"}`} data-testid="staff-status">
                      {s.active ? t("status.active") : t("status.inactive")}
                    </span>
                  </td>
                  <td data-testid="staff-has-badge">{s.hasBadge ? t("badge.yes") : t("badge.no")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
