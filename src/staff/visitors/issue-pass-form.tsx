"use client";
// Issue (or replace) the client pass. Replacing asks first: the old pass stops working at once.
import { useTranslations } from "next-intl";
import { issuePassAction } from "@/src/staff/visitors/actions";
import { VisitorFormMessage } from "@/src/staff/visitors/form-errors";
import { SubmitButton, useFormAction } from "@/src/ui/form-kit";

export function IssuePassForm({ visitorId, hasPass }: { visitorId: string; hasPass: boolean }) {
  const t = useTranslations("visitors");
  const { state, formAction, pending, onSubmit } = useFormAction(issuePassAction);
  return (
    <form
      action={formAction}
      onSubmit={(e) => {
        if (hasPass && !window.confirm(t("pass.confirmReplace"))) {
          e.preventDefault();
          return;
        }
        onSubmit(e);
      }}
      className="stack"
      data-testid="issue-pass-form"
    >
      <input type="hidden" name="id" value={visitorId} />
      <VisitorFormMessage
        testId="issue-pass"
        result={state}
        fields={[]}
        success={state?.ok ? t(state.data.replaced ? "pass.replaced" : "pass.issued") : null}
      />
      <div className="row">
        <SubmitButton pending={pending} className={hasPass ? "btn btn-secondary" : "btn"}>
          {hasPass ? t("pass.replace") : t("pass.issue")}
        </SubmitButton>
      </div>
    </form>
  );
}
