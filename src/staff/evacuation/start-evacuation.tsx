"use client";
// Start an evacuation (drill or real) for one location, after a confirmation; then open its roll call.
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { useRouter } from "@/src/i18n/navigation";
import { startEvacuationAction } from "@/src/staff/evacuation/actions";

export function StartEvacuation({ locationId }: { locationId: string }) {
  const t = useTranslations("evacuation.start");
  const te = useTranslations("errors");
  const router = useRouter();
  const [drill, setDrill] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const submit = () =>
    start(async () => {
      if (!window.confirm(t("confirm"))) return;
      const r = await startEvacuationAction(locationId, drill, reason);
      if (!r.ok) {
        setError(r.code);
        return;
      }
      router.push(`/staff/evacuation/${r.data.evacuationId}`);
    });
  return (
    <section className="card stack" aria-labelledby="evac-start-title">
      <h2 id="evac-start-title" style={{ margin: 0 }}>
        {t("title")}
      </h2>
      <fieldset className="row" style={{ border: 0, padding: 0, margin: 0 }}>
        <legend className="sr-only">{t("kind")}</legend>
        <label className="checkbox">
          <input
            type="radio"
            name="evac-kind"
            checked={!drill}
            onChange={() => setDrill(false)}
            data-testid="evac-kind-real"
          />
          {t("real")}
        </label>
        <label className="checkbox">
          <input
            type="radio"
            name="evac-kind"
            checked={drill}
            onChange={() => setDrill(true)}
            data-testid="evac-kind-drill"
          />
          {t("drill")}
        </label>
      </fieldset>
      <div className="field">
        <label htmlFor="evac-reason">{t("reason")}</label>
        <input id="evac-reason" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
      </div>
      {error && (
        <p className="alert alert-error" role="alert" data-testid="evac-start-error">
          {te(error as "FORBIDDEN")}
        </p>
      )}
      <div>
        <button
          type="button"
          className="btn btn-danger btn-large"
          disabled={pending}
          onClick={submit}
          data-testid="evac-start"
        >
          {t("submit")}
        </button>
      </div>
    </section>
  );
}
