import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { can } from "@/src/domain/access/permissions";
import { Link } from "@/src/i18n/navigation";
import { pageTitle } from "@/src/i18n/page-title";
import { EndBanForm } from "@/src/staff/bans/end-ban-form";
import { banName, loadBans } from "@/src/staff/bans/load-bans";
import { BAN_FILTERS, type BanFilterOption } from "@/src/staff/bans/schemas";
import { loadStaffLocations } from "@/src/staff/desk/staff-locations";
import { requireStaff } from "@/src/staff/shell/require-staff";

export const generateMetadata = pageTitle("bans");

const STATUS_BADGE = {
  active: "badge-danger",
  expiring: "badge-warn",
  upcoming: "badge-warn",
  expired: "badge-off",
  ended: "badge-off",
} as const;

const NOWRAP = { whiteSpace: "nowrap" } as const;

export default async function BansPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<{
    filter?: string | string[];
    created?: string | string[];
    ended?: string | string[];
    end?: string | string[];
  }>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireStaff(locale, "bans.view", "/staff/bans");
  const query = await searchParams;
  const filter: BanFilterOption = BAN_FILTERS.find((f) => f === query.filter) ?? "active";
  const [{ bans }, locations, created, ended] = await Promise.all([
    loadBans(actor, filter),
    loadStaffLocations(actor),
    banName(actor, query.created),
    banName(actor, query.ended),
  ]);
  const canManage = can(actor, "bans.manage");
  const endable = (b: (typeof bans)[number]) => !b.ended && b.status !== "expired";
  const ending = canManage ? bans.find((b) => b.id === query.end && endable(b)) : undefined;
  const t = await getTranslations("bans");
  const format = await getFormatter();
  const locationOf = new Map(locations.map((l) => [l.id, l]));
  const showLocation = locations.length > 1;
  const day = (iso: string, locationId: string) =>
    format.dateTime(new Date(iso), {
      day: "2-digit",
      month: "2-digit",
      year: "numeric",
      timeZone: locationOf.get(locationId)?.timeZone ?? "Europe/Amsterdam",
    });

  return (
    <div className="stack">
      <div className="row">
        <h1 style={{ margin: 0, flex: 1 }}>{t("title")}</h1>
        {canManage && (
          <Link className="btn" href="/staff/bans/new" data-testid="new-ban">
            {t("new")}
          </Link>
        )}
      </div>
      <p className="muted">{t("intro")}</p>
      {created && (
        <div className="alert alert-ok" role="status" data-testid="ban-created">
          {t("created", { name: created })}
        </div>
      )}
      {ended && (
        <div className="alert alert-ok" role="status" data-testid="ban-ended">
          {t("ended", { name: ended })}
        </div>
      )}

      <nav aria-label={t("filters.label")} className="row" data-testid="ban-filters">
        {BAN_FILTERS.map((f) => (
          <Link
            key={f}
            href={`/staff/bans?filter=${f}`}
            className={f === filter ? "btn" : "btn btn-secondary"}
            aria-current={f === filter ? "page" : undefined}
            data-testid={`ban-filter-${f}`}
          >
            {t(`filters.${f}`)}
          </Link>
        ))}
      </nav>

      {ending && <EndBanForm key={ending.id} banId={ending.id} name={ending.displayName} filter={filter} />}

      {bans.length === 0 ? (
        <p data-testid="bans-empty">{t(`empty.${filter}`)}</p>
      ) : (
        <div style={{ overflowX: "auto" }}>
          <table className="table" data-testid="ban-table">
            <caption className="sr-only">{t("caption", { filter: t(`filters.${filter}`) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("columns.name")}</th>
                <th scope="col">{t("columns.scope")}</th>
                <th scope="col">{t("columns.reason")}</th>
                <th scope="col">{t("columns.startsAt")}</th>
                <th scope="col">{t("columns.endsAt")}</th>
                <th scope="col">{t("columns.reviewAt")}</th>
                <th scope="col">{t("columns.contact")}</th>
              </tr>
            </thead>
            <tbody>
              {bans.map((b) => (
                <tr key={b.id} data-testid={`ban-row-${b.id}`} data-status={b.status}>
                  <th scope="row" style={{ fontSize: "inherit", color: "inherit" }}>
                    {b.displayName}
                    {showLocation && (
                      <span className="muted" style={{ display: "block", fontWeight: 400 }}>
                        {locationOf.get(b.locationId)?.name}
                      </span>
                    )}
                    <span style={{ display: "block", marginTop: "0.25rem" }}>
                      <span className={`badge ${STATUS_BADGE[b.status]}`} style={NOWRAP} data-testid="ban-status">
                        {t(`status.${b.status}`)}
                      </span>
                    </span>
                    {canManage && (
                      <span style={{ display: "block", marginTop: "0.5rem", fontWeight: 400 }}>
                        {endable(b) && (
                          <Link
                            href={`/staff/bans?filter=${filter}&end=${encodeURIComponent(b.id)}`}
                            className="btn btn-secondary"
                            aria-current={ending?.id === b.id ? "true" : undefined}
                            data-testid="end-ban-open"
                          >
                            {t("end.open")}
                            <span className="sr-only">: {b.displayName}</span>
                          </Link>
                        )}
                      </span>
                    )}
                  </th>
                  <td>{t(`scope.${b.scope}`)}</td>
                  <td>{t(`reason.${b.reasonCategory}`)}</td>
                  <td style={NOWRAP}>{day(b.startsAt, b.locationId)}</td>
                  <td style={NOWRAP}>{day(b.endsAt, b.locationId)}</td>
                  <td data-review-due={b.reviewDue || undefined} style={NOWRAP}>
                    {day(b.reviewAt, b.locationId)}
                    {b.reviewDue && (
                      <span style={{ display: "block", marginTop: "0.25rem" }}>
                        <span className="badge badge-warn" data-testid="review-due">
                          {t("reviewDue")}
                        </span>
                      </span>
                    )}
                  </td>
                  <td>
                    {b.contactName}
                    {b.contactPhone && (
                      <>
                        <br />
                        <a href={`tel:${b.contactPhone.replace(/[^\d+]/g, "")}`}>{b.contactPhone}</a>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
