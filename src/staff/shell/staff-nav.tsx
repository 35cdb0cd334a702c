"use client";
import { useTranslations } from "next-intl";
import { Link, usePathname } from "@/src/i18n/navigation";

export interface NavItem {
  href: string;
  label:
    | "home"
    | "register"
    | "desk"
    | "doors"
    | "evacuation"
    | "myVisitors"
    | "appointments"
    | "visitors"
    | "briefing"
    | "incidentTeam"
    | "alarms"
    | "alarmSettings"
    | "incidents"
    | "alarmButtons"
    | "staff"
    | "devices"
    | "bans"
    | "houseRules"
    | "audit"
    | "privacy";
}

/** The staff top navigation; marks the current section for screen readers and the eye. */
export function StaffNav({ items }: { items: NavItem[] }) {
  const t = useTranslations("staff.nav");
  const pathname = usePathname();
  return (
    <nav aria-label="Portier" className="row">
      {items.map((item) => {
        const current = item.href === "/staff" ? pathname === "/staff" : pathname.startsWith(item.href);
        return (
          <Link key={item.href} href={item.href} aria-current={current ? "page" : undefined}>
            {t(item.label)}
          </Link>
        );
      })}
    </nav>
  );
}
