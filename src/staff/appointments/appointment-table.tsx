// The appointment list (server component): time, visitor, host, room, purpose where the reader may
// see it, the risk flag and the status; per row the letter, the QR image and the actions.
import { getFormatter, getTranslations } from "next-intl/server";
import type { AppointmentView } from "@/src/domain/appointments/appointments";
import { Link } from "@/src/i18n/navigation";
import { NoShowButton, ReissueButton } from "@/src/staff/appointments/row-actions";

const STATUS_BADGE = {
  SCHEDULED: "badge-warn",
  ARRIVED: "badge-ok",
  DONE: "badge-off",
  CANCELLED: "badge-off",
  NO_SHOW: "badge-danger",
} as const;

export async function AppointmentTable({
  rows,
  caption,
  showDay,
  testId,
  locale,
}: {
  rows: AppointmentView[];
  caption: string;
  showDay: boolean;
  testId: string;
  locale: string;
}) {
  const t = await getTranslations("appointments");
  const format = await getFormatter();
  const time = (iso: string, tz: string) =>
    format.dateTime(new Date(iso), { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: tz });
  const day = (iso: string, tz: string) =>
    format.dateTime(new Date(iso), { weekday: "short", day: "numeric", month: "short", timeZone: tz });
  const showPurpose = rows.some((r) => r.purposeVisible);
  return (
    <div style={{ overflowX: "auto" }}>
      <table className="table" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("columns.time")}</th>
            <th scope="col">{t("columns.visitor")}</th>
            <th scope="col">{t("columns.host")}</th>
            <th scope="col">{t("columns.room")}</th>
            {showPurpose && <th scope="col">{t("columns.purpose")}</th>}
            <th scope="col">{t("columns.status")}</th>
            <th scope="col">{t("columns.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => {
            const name = a.visitorName ?? t("noVisitor");
            return (
              <tr key={a.id} data-testid={`appointment-row-${a.id}`} data-status={a.status}>
                <td style={{ whiteSpace: "nowrap" }}>
                  {showDay && (
                    <span style={{ display: "block" }} className="muted">
                      {day(a.startsAt, a.timeZone)}
                    </span>
                  )}
                  {time(a.startsAt, a.timeZone)}
                  {a.endsAt && `–${time(a.endsAt, a.timeZone)}`}
                </td>
                <th scope="row" style={{ fontSize: "inherit", color: "inherit" }}>
                  {name}
                  {a.risky && (
                    <span style={{ display: "block", marginTop: "0.25rem" }}>
                      <span className="badge badge-danger" data-testid="appointment-risky-badge">
                        {t("risky")}
                      </span>
                    </span>
                  )}
                </th>
                <td>{a.hostName}</td>
                <td>{a.roomName ?? "—"}</td>
                {showPurpose && (
                  <td data-testid="appointment-purpose">{a.purposeVisible ? (a.purpose ?? "—") : "—"}</td>
                )}
                <td>
                  <span className={`badge ${STATUS_BADGE[a.status]}`} data-testid="appointment-status">
                    {t(`status.${a.status}`)}
                  </span>
                </td>
                <td>
                  <div className="row" style={{ gap: "0.5rem" }}>
                    {a.invitable && (
                      <>
                        <a
                          className="btn btn-secondary"
                          href={`/api/appointments/${encodeURIComponent(a.id)}/letter?lang=${locale}`}
                          download
                          data-testid="appointment-letter"
                        >
                          {t("actions.letter")}
                          <span className="sr-only">: {name}</span>
                        </a>
                        <a
                          className="btn btn-secondary"
                          href={`/api/appointments/${encodeURIComponent(a.id)}/qr`}
                          target="_blank"
                          rel="noopener"
                          data-testid="appointment-qr"
                        >
                          {t("actions.qr")}
                          <span className="sr-only">: {name}</span>
                        </a>
                        <ReissueButton id={a.id} name={name} />
                      </>
                    )}
                    {a.status === "SCHEDULED" && (
                      <>
                        <Link
                          className="btn btn-secondary"
                          href={`/staff/appointments/${encodeURIComponent(a.id)}/edit`}
                          data-testid="appointment-edit"
                        >
                          {t("actions.edit")}
                          <span className="sr-only">: {name}</span>
                        </Link>
                        <Link
                          className="btn btn-secondary"
                          href={`/staff/appointments?location=${encodeURIComponent(a.locationId)}&cancel=${encodeURIComponent(a.id)}`}
                          data-testid="appointment-cancel"
                        >
                          {t("actions.cancel")}
                          <span className="sr-only">: {name}</span>
                        </Link>
                      </>
                    )}
                    {a.noShowable && <NoShowButton id={a.id} name={name} />}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
