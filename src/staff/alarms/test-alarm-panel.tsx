"use client";
// The test alarm screen's live part: start the weekly test, and keep the reports current while a
// test is still open (answers come in over the next minutes).
import { useTranslations } from "next-intl";
import { useEffect, useState, useTransition } from "react";
import { useRouter } from "@/src/i18n/navigation";
import { runTestAlarmAction } from "@/src/staff/alarms/actions";

const REFRESH_WHILE_OPEN_MS = 3_000;

export function RunTestAlarm({ locationId, anyOpen }: { locationId: string; anyOpen: boolean }) {
  const t = useTranslations("alarms.test");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    if (!anyOpen) return;
    const timer = setInterval(() => router.refresh(), REFRESH_WHILE_OPEN_MS);
    return () => clearInterval(timer);
  }, [anyOpen, router]);

  return (
    <div className="stack">
      <button
        type="button"
        className="btn btn-large"
        style={{ alignSelf: "flex-start" }}
        disabled={pending}
        data-testid="test-alarm-run"
        onClick={() =>
          startTransition(async () => {
            const r = await runTestAlarmAction(locationId);
            setMessage(
              r.ok
                ? { ok: true, text: t("started", { count: r.data.paged }) }
                : { ok: false, text: t("failed", { code: r.code }) },
            );
            router.refresh();
          })
        }
      >
        {pending ? t("running") : t("run")}
      </button>
      {message && (
        <p
          role="status"
          className={`alert ${message.ok ? "alert-ok" : "alert-error"}`}
          data-testid="test-alarm-message"
        >
          {message.text}
        </p>
      )}
    </div>
  );
}
