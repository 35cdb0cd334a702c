import { getTranslations, setRequestLocale } from "next-intl/server";
import type { ReactNode } from "react";
import { can } from "@/src/domain/access/permissions";
import { runningEvacuations } from "@/src/domain/evacuation/evacuations";
import { RealtimeProvider } from "@/src/realtime/client/realtime-provider";
import { config } from "@/src/server/config";
import { domain } from "@/src/server/runtime";
import { AlarmPageWatcher } from "@/src/staff/alarms/page-watcher";
import { EvacuationBanner } from "@/src/staff/evacuation/evacuation-banner";
import { StaffNotices } from "@/src/staff/notices/staff-notices";
import { requireStaff } from "@/src/staff/shell/require-staff";
import { SignOutButton } from "@/src/staff/shell/sign-out-button";
import { StaffActivity } from "@/src/staff/shell/staff-activity";
import { type NavItem, StaffNav } from "@/src/staff/shell/staff-nav";
import { ConnectionStatus } from "@/src/ui/connection-status";
import { LanguageSwitch } from "@/src/ui/language-switch";

export default async function StaffLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ locale: string }>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireStaff(locale, "dashboard.view", "/staff");
  const t = await getTranslations("common");
  const items: NavItem[] = [{ href: "/staff", label: "home" }];
  if (can(actor, "register.view")) items.push({ href: "/staff/register", label: "register" });
  if (can(actor, "desk.use")) items.push({ href: "/staff/desk", label: "desk" });
  if (can(actor, "doors.operate")) items.push({ href: "/staff/doors", label: "doors" });
  if (can(actor, "evacuation.marshal")) items.push({ href: "/staff/evacuation", label: "evacuation" });
  if (can(actor, "visits.host")) items.push({ href: "/staff/my-visitors", label: "myVisitors" });
  if (can(actor, "appointments.manage") || can(actor, "appointments.own"))
    items.push({ href: "/staff/appointments", label: "appointments" });
  if (can(actor, "visitors.manage")) items.push({ href: "/staff/visitors", label: "visitors" });
  if (can(actor, "briefing.view")) items.push({ href: "/staff/briefing", label: "briefing" });
  if (can(actor, "incident_team.manage")) items.push({ href: "/staff/incident-team", label: "incidentTeam" });
  if (can(actor, "alarms.respond")) items.push({ href: "/staff/alarms", label: "alarms" });
  if (can(actor, "incident_team.manage")) items.push({ href: "/staff/alarm-settings", label: "alarmSettings" });
  if (can(actor, "incidents.register")) items.push({ href: "/staff/incidents", label: "incidents" });
  if (can(actor, "bans.view")) items.push({ href: "/staff/bans", label: "bans" });
  if (can(actor, "house_rules.manage")) items.push({ href: "/staff/house-rules", label: "houseRules" });
  if (can(actor, "staff.manage")) items.push({ href: "/staff/admin/staff", label: "staff" });
  if (can(actor, "devices.view")) items.push({ href: "/staff/admin/devices", label: "devices" });
  if (can(actor, "audit.view")) items.push({ href: "/staff/audit", label: "audit" });
  if (can(actor, "privacy.subject_requests")) items.push({ href: "/staff/privacy", label: "privacy" });
  if (can(actor, "alarm_buttons.manage")) items.push({ href: "/staff/admin/alarm-buttons", label: "alarmButtons" });
  return (
    <RealtimeProvider>
      <header className="topbar">
        <div className="page">
          <span className="brand">{t("appName")}</span>
          <StaffNav items={items} />
          <span className="spacer" />
          <ConnectionStatus />
          <LanguageSwitch />
          <SignOutButton />
        </div>
      </header>
      {can(actor, "evacuation.marshal") && (
        <EvacuationBanner initial={await runningEvacuations(await domain(), actor)} />
      )}
      <main className="page">{children}</main>
      <StaffNotices staffId={actor.id} canAnswerRisk={can(actor, "risk_checks.answer")} />
      {can(actor, "alarms.respond") && <AlarmPageWatcher staffId={actor.id} />}
      <StaffActivity idleMs={config().staffIdleMs} />
    </RealtimeProvider>
  );
}
