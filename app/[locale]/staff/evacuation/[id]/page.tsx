import type { Metadata, Viewport } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { can } from "@/src/domain/access/permissions";
import { isAppError } from "@/src/domain/errors";
import { loadMarks, loadRollCall, startRolesOf } from "@/src/domain/evacuation/evacuations";
import { Link } from "@/src/i18n/navigation";
import { domain } from "@/src/server/runtime";
import { MarshalView } from "@/src/staff/evacuation/marshal-view";
import { requireStaff } from "@/src/staff/shell/require-staff";

export const dynamic = "force-dynamic";

export async function generateMetadata({
  params,
}: {
  params: Promise<{ locale: string; id: string }>;
}): Promise<Metadata> {
  const { locale, id } = await params;
  const t = await getTranslations({ locale, namespace: "evacuation.marshal" });
  return {
    title: `${t("title")} — Portier`,
    // Installable like the pager, scoped to this evacuation's roll call.
    manifest: `/${locale}/staff/evacuation/${encodeURIComponent(id)}/manifest.webmanifest`,
    appleWebApp: { capable: true, title: "Portier", statusBarStyle: "black-translucent" },
    icons: { apple: "/icons/pager-192.png" },
  };
}

export const viewport: Viewport = { themeColor: "#b3261e" };

/** A marshal's roll call of one evacuation. */
export default async function MarshalPage({ params }: { params: Promise<{ locale: string; id: string }> }) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const actor = await requireStaff(locale, "evacuation.marshal", `/staff/evacuation/${id}`);
  const ctx = await domain();
  const t = await getTranslations("evacuation.marshal");
  let data: [Awaited<ReturnType<typeof loadRollCall>>, Awaited<ReturnType<typeof loadMarks>>];
  try {
    data = await Promise.all([loadRollCall(ctx, actor, id), loadMarks(ctx, actor, id)]);
  } catch (err) {
    if (isAppError(err) && err.code === "NOT_FOUND") notFound();
    throw err;
  }
  const [rollCall, marks] = data;
  const canEnd =
    can(actor, "evacuation.start") && (await startRolesOf(ctx.db, rollCall.evacuation.locationId)).includes(actor.role);
  return (
    <div className="stack">
      <div className="row">
        <h1 style={{ margin: 0, flex: 1 }}>{t("title")}</h1>
        <Link href={`/staff/evacuation?location=${rollCall.evacuation.locationId}`}>{t("back")}</Link>
      </div>
      <MarshalView initial={rollCall} initialMarks={marks} locale={locale} canEnd={canEnd} />
    </div>
  );
}
