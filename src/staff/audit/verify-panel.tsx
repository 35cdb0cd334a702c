"use client";
// "Check the chain": runs the verify walk on the server and shows what it found — every break by
// event id, or that the chain is whole, with the head hash to write down elsewhere.
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { VerifyResult } from "@/src/domain/audit/audit-chain";
import type { ActionResult } from "@/src/server/action-result";
import { verifyAuditAction } from "@/src/staff/audit/actions";
import { SubmitButton } from "@/src/ui/form-kit";

export function VerifyPanel() {
  const t = useTranslations("audit.verify");
  const tErrors = useTranslations("errors");
  const [state, action, pending] = useActionState<ActionResult<VerifyResult> | null>(verifyAuditAction, null);
  return (
    <section className="card stack" aria-labelledby="audit-verify-heading" data-testid="audit-verify">
      <h2 id="audit-verify-heading" style={{ margin: 0 }}>
        {t("title")}
      </h2>
      <p style={{ margin: 0 }}>{t("intro")}</p>
      <form action={action}>
        <SubmitButton pending={pending}>{pending ? t("running") : t("run")}</SubmitButton>
      </form>
      {state && !state.ok && (
        <div className="alert alert-error" role="alert">
          {tErrors(state.code)}
        </div>
      )}
      {state?.ok && state.data.ok && (
        <div className="alert alert-ok" role="status" data-testid="audit-verify-ok">
          {t("ok", { checked: state.data.checked, pending: state.data.pending })}
        </div>
      )}
      {state?.ok && !state.data.ok && (
        <div className="alert alert-error" role="alert" data-testid="audit-verify-broken">
          <p style={{ marginTop: 0 }}>{t("broken", { count: state.data.breaks.length })}</p>
          <ul>
            {state.data.breaks.map((b) => (
              <li key={b.id}>{t(`reason.${b.reason}`, { id: b.id })}</li>
            ))}
          </ul>
        </div>
      )}
      {state?.ok && state.data.head && (
        <p style={{ margin: 0, overflowWrap: "anywhere" }}>
          {state.data.headId !== null ? t("headWithId", { id: state.data.headId }) : t("head")}{" "}
          <code data-testid="audit-head">{state.data.head}</code>
        </p>
      )}
      {state?.ok && state.data.checkpoint && (
        <p style={{ margin: 0, overflowWrap: "anywhere" }} data-testid="audit-checkpoint">
          {t("checkpoint", {
            date: state.data.checkpoint.at.slice(0, 10),
            pruned: state.data.checkpoint.pruned,
            id: state.data.checkpoint.lastEventId,
            hash: state.data.checkpoint.lastHash,
          })}
        </p>
      )}
    </section>
  );
}
