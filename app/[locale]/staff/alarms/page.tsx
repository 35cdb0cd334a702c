import type { Metadata, Viewport } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { can } from "@/src/domain/access/permissions";
import { openAlarmsForStaff } from "@/src/domain/alarms/alarm-queries";
import { Link } from "@/src/i18n/navigation";
import { domain } from "@/src/server/runtime";
import { Pager } from "@/src/staff/alarms/pager";
import { requireStaff } from "@/src/staff/shell/require-staff";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "alarms.pager" });
  return {
    title: `${t("title")} — Portier`,
    // Installable as its own app, scoped to this page (app/[locale]/staff/alarms/manifest.webmanifest).
    manifest: `/${locale}/staff/alarms/manifest.webmanifest`,
    appleWebApp: { capable: true, title: "Portier", statusBarStyle: "black-translucent" },
    icons: { apple: "/icons/pager-192.png" },
  };
}

export const viewport: Viewport = { themeColor: "#b3261e" };

/** The responder's pager: open alarms for me, live, with a full-screen alert for a new page. */
export default async function PagerPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireStaff(locale, "alarms.respond", "/staff/alarms");
  const ctx = await domain();
  const initial = await openAlarmsForStaff(ctx, actor.id);
  const t = await getTranslations("alarms");
  return (
    <div className="stack">
      <Pager staffId={actor.id} initial={initial} renderedAt={ctx.clock.now().toISOString()} />
      {can(actor, "alarms.test") && (
        <p>
          <Link href="/staff/alarms/test" data-testid="pager-test-link">
            {t("test.title")}
          </Link>
        </p>
      )}
    </div>
  );
}
