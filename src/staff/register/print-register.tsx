// The printable register: one plain table of everyone in the building (staff first, then
// visitors), with the time it was printed at the top. Server component: no live updates — the
// time on the sheet says how old it is.
import { getFormatter, getTranslations } from "next-intl/server";
import type { Register } from "@/src/domain/register/load-register";

export async function PrintRegister({ register }: { register: Register }) {
  const t = await getTranslations("register");
  const format = await getFormatter();
  const tz = register.location.timeZone;
  const time = (iso: string) => format.dateTime(new Date(iso), { hour: "2-digit", minute: "2-digit", timeZone: tz });
  const printedAt = format.dateTime(new Date(register.renderedAt), {
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    timeZone: tz,
  });
  const total = register.staff.length + register.visitors.length;
  return (
    <div className="register-print stack" data-testid="register-print">
      <h1>{t("printView.title", { location: register.location.name })}</h1>
      <p data-testid="register-printed-at">
        <strong>{t("printView.printedAt", { time: printedAt })}</strong>
      </p>
      <p>
        {t("counts.total", { count: total })} · {t("counts.staff", { count: register.staff.length })} ·{" "}
        {register.location.capacity != null
          ? t("counts.capacity", { count: register.visitors.length, capacity: register.location.capacity })
          : t("counts.visitors", { count: register.visitors.length })}
      </p>
      {total === 0 ? (
        <p>{t("printView.none")}</p>
      ) : (
        <table data-testid="register-print-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t("printView.name")}</th>
              <th scope="col">{t("printView.kind")}</th>
              <th scope="col">{t("printView.since")}</th>
              <th scope="col">{t("printView.details")}</th>
            </tr>
          </thead>
          <tbody>
            {register.staff.map((s, i) => (
              <tr key={s.presenceId}>
                <td>{i + 1}</td>
                <td>{s.name}</td>
                <td>{t("printView.staffKind")}</td>
                <td>{time(s.since)}</td>
                <td>{t(`roles.${s.role}`)}</td>
              </tr>
            ))}
            {register.visitors.map((v, i) => (
              <tr key={v.visitId}>
                <td>{register.staff.length + i + 1}</td>
                <td>{v.name}</td>
                <td>{t("printView.visitorKind")}</td>
                <td>{time(v.checkedInAt)}</td>
                <td>{[t(`status.${v.status}`), v.hostName, v.roomName].filter(Boolean).join(" · ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
