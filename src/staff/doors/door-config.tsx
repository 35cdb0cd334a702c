"use client";
// Door configuration of one location (doors.configure): one form per door, and one to add a door.
import { useTranslations } from "next-intl";
import { type FormEvent, useState, useTransition } from "react";
import { useRouter } from "@/src/i18n/navigation";
import { removeDoorAction, saveDoorAction } from "@/src/staff/doors/actions";

export interface DoorConfigRow {
  id: string | null;
  name: string;
  kind: string;
  fromZone: string;
  toZone: string;
  interlockGroup: string | null;
  driver: string;
  commandTopic: string | null;
  stateTopic: string | null;
  availabilityTopic: string | null;
  safeState: string;
  releaseSeconds: number;
  heldOpenAlertSeconds: number;
  sortOrder: number;
}

const KINDS = ["ENTRANCE_OUTER", "ENTRANCE_INNER", "STAFF_ONLY", "EXIT"];
const ZONES = ["OUTSIDE", "PUBLIC", "WAITING", "STAFF_ONLY"];
const BIG = { minHeight: 44 } as const;

export function DoorConfig({ locationId, doors }: { locationId: string; doors: DoorConfigRow[] }) {
  const empty: DoorConfigRow = {
    id: null,
    name: "",
    kind: "ENTRANCE_OUTER",
    fromZone: "OUTSIDE",
    toZone: "PUBLIC",
    interlockGroup: null,
    driver: "SIMULATOR",
    commandTopic: null,
    stateTopic: null,
    availabilityTopic: null,
    safeState: "LOCKED",
    releaseSeconds: 5,
    heldOpenAlertSeconds: 30,
    sortOrder: doors.length,
  };
  return (
    <div className="stack">
      {doors.map((d) => (
        <DoorForm key={d.id} locationId={locationId} door={d} />
      ))}
      <DoorForm key={`new-${doors.length}`} locationId={locationId} door={empty} />
    </div>
  );
}

function DoorForm({ locationId, door }: { locationId: string; door: DoorConfigRow }) {
  const t = useTranslations("doors");
  const te = useTranslations("errors");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const p = door.id ?? "new";

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const input = { id: door.id, locationId, ...Object.fromEntries(f.entries()) };
    start(async () => {
      const r = await saveDoorAction(input);
      if (r.ok) {
        setMessage(t("config.saved"));
        router.refresh();
      } else {
        const groupRule = r.fieldErrors?.safeState?.includes("groupFailSafe");
        setMessage(groupRule ? t("config.groupFailSafe") : te(r.code as never));
      }
    });
  };
  const remove = () =>
    start(async () => {
      if (!door.id) return;
      const r = await removeDoorAction(door.id);
      if (r.ok) router.refresh();
      else setMessage(te(r.code as never));
    });
  const field = (name: keyof DoorConfigRow, label: string, input: React.ReactNode) => (
    <div className="field">
      <label htmlFor={`${p}-${name}`}>{label}</label>
      {input}
    </div>
  );
  const select = (name: keyof DoorConfigRow, options: string[], labelOf: (o: string) => string) => (
    <select id={`${p}-${name}`} name={name} defaultValue={String(door[name] ?? "")} style={BIG}>
      {options.map((o) => (
        <option key={o} value={o}>
          {labelOf(o)}
        </option>
      ))}
    </select>
  );
  const text = (name: keyof DoorConfigRow, type = "text") => (
    <input id={`${p}-${name}`} name={name} type={type} defaultValue={String(door[name] ?? "")} style={BIG} />
  );

  return (
    <form className="card stack" onSubmit={onSubmit} data-testid={`door-config-${p}`}>
      <h2 style={{ margin: 0 }}>{door.id ? door.name : t("config.add")}</h2>
      <div className="row" style={{ flexWrap: "wrap" }}>
        {field("name", t("config.name"), text("name"))}
        {field(
          "kind",
          t("config.kind"),
          select("kind", KINDS, (o) => t(`kind.${o}` as never)),
        )}
        {field(
          "fromZone",
          t("config.fromZone"),
          select("fromZone", ZONES, (o) => t(`zone.${o}` as never)),
        )}
        {field(
          "toZone",
          t("config.toZone"),
          select("toZone", ZONES, (o) => t(`zone.${o}` as never)),
        )}
        {field("interlockGroup", t("config.group"), text("interlockGroup"))}
        {field("sortOrder", t("config.order"), text("sortOrder", "number"))}
      </div>
      <div className="row" style={{ flexWrap: "wrap" }}>
        {field(
          "driver",
          t("config.driver"),
          select("driver", ["SIMULATOR", "MQTT"], (o) => t(`config.driverKind.${o}` as never)),
        )}
        {field("commandTopic", t("config.commandTopic"), text("commandTopic"))}
        {field("stateTopic", t("config.stateTopic"), text("stateTopic"))}
        {field("availabilityTopic", t("config.availabilityTopic"), text("availabilityTopic"))}
      </div>
      <div className="row" style={{ flexWrap: "wrap" }}>
        {field(
          "safeState",
          t("config.safeState"),
          select("safeState", ["LOCKED", "RELEASED"], (o) => t(`config.safe.${o}` as never)),
        )}
        {field("releaseSeconds", t("config.releaseSeconds"), text("releaseSeconds", "number"))}
        {field("heldOpenAlertSeconds", t("config.heldOpenAlertSeconds"), text("heldOpenAlertSeconds", "number"))}
      </div>
      <div className="row">
        <button type="submit" style={BIG} disabled={pending}>
          {t("config.save")}
        </button>
        {door.id && (
          <button type="button" style={BIG} disabled={pending} onClick={remove}>
            {t("config.remove")}
          </button>
        )}
      </div>
      {message && <p role="status">{message}</p>}
    </form>
  );
}
