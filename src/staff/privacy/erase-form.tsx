"use client";
// Erase a visitor (art. 17) after an explicit confirmation. The page shows what will be deleted and
// any hold; the domain checks the holds again in the erasing transaction.
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { useRouter } from "@/src/i18n/navigation";
import { eraseVisitorAction } from "@/src/staff/privacy/actions";
import { SubmitButton, useFormAction } from "@/src/ui/form-kit";

export function EraseForm({ visitorId }: { visitorId: string }) {
  const t = useTranslations("privacy.erase");
  const tErrors = useTranslations("errors");
  const router = useRouter();
  const { state, formAction, pending, onSubmit } = useFormAction(eraseVisitorAction);
  const erased = state?.ok && state.data.erased;
  useEffect(() => {
    if (erased) router.replace("/staff/privacy?erased=1");
  }, [erased, router]);
  return (
    <form className="card stack" action={formAction} onSubmit={onSubmit} data-testid="privacy-erase">
      <input type="hidden" name="id" value={visitorId} />
      {state && !state.ok && (
        <div className="alert alert-error" role="alert" data-testid="privacy-erase-error">
          {state.code === "VALIDATION" ? t("confirmLabel") : tErrors(state.code)}
        </div>
      )}
      {state?.ok && !state.data.erased && (
        <div className="alert alert-error" role="alert" data-testid="privacy-erase-refused">
          {t("refused")}
        </div>
      )}
      <label className="row" style={{ minHeight: 44, gap: "0.5rem", alignItems: "center" }}>
        <input
          type="checkbox"
          name="confirm"
          value="yes"
          required
          style={{ width: 22, height: 22, flex: "none" }}
          data-testid="privacy-erase-confirm"
        />
        {t("confirmLabel")}
      </label>
      <div className="row">
        <SubmitButton pending={pending} className="btn btn-danger">
          {t("submit")}
        </SubmitButton>
      </div>
    </form>
  );
}
