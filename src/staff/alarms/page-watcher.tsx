"use client";
// On every staff page other than the pager itself: a page (`alarm.paged`) is acknowledged and
// shown full screen with the answer buttons, so a responder who happens to be on another staff
// screen is not missed (and the server's delivery receipt means the alarm really was shown).
import { useFormatter, useTranslations } from "next-intl";
import type { AlarmView } from "@/src/domain/alarms/alarm-view";
import { Link, usePathname } from "@/src/i18n/navigation";
import { PageAlert, usePagerAlarms } from "@/src/staff/alarms/pager";

const NONE: AlarmView[] = [];
export const PAGER_PATH = "/staff/alarms";

export function AlarmPageWatcher({ staffId }: { staffId: string }) {
  const pathname = usePathname();
  // The pager page has its own (with the list); two listeners would show the alert twice.
  if (pathname === PAGER_PATH) return null;
  return <Watcher staffId={staffId} />;
}

function Watcher({ staffId }: { staffId: string }) {
  const t = useTranslations("alarms.pager");
  const format = useFormatter();
  const { alarms, active, mine, respond, busy, error, sound } = usePagerAlarms(staffId, NONE);
  if (!active) return null;
  return (
    <PageAlert
      key={active.id}
      alarm={active}
      more={alarms.filter((a) => !mine(a)?.response).length - 1}
      time={(iso) => format.dateTime(new Date(iso), { hour: "2-digit", minute: "2-digit" })}
      busy={busy}
      error={error}
      soundEnabled={sound.enabled || !sound.supported}
      onUnlock={sound.unlock}
      onRespond={(response) => void respond(active, response)}
      footer={
        <Link href={PAGER_PATH} style={{ color: "#fff", fontWeight: 700 }} data-testid="pager-alert-open-pager">
          {t("title")}
        </Link>
      }
    />
  );
}
