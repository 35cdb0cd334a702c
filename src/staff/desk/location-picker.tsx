// A plain GET form to switch the location a staff page shows (only when there are several).
// Works without JavaScript; the page reads ?location=.
import type { ReactNode } from "react";

export function LocationPicker({
  locations,
  currentId,
  label,
  submitLabel,
  keep = {},
}: {
  locations: { id: string; name: string }[];
  currentId: string;
  label: string;
  submitLabel: string;
  /** Other query parameters to keep (e.g. the ban filter). */
  keep?: Record<string, string>;
}) {
  if (locations.length < 2) return null;
  return (
    <form method="get" className="row" style={{ alignItems: "flex-end" }} data-testid="location-picker">
      {Object.entries(keep).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="field">
        <label htmlFor="location-picker">{label}</label>
        <select id="location-picker" name="location" defaultValue={currentId}>
          {locations.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="btn btn-secondary">
        {submitLabel}
      </button>
    </form>
  );
}

/**
 * The head of a staff page about one location: its title, then the page's own filters (`before`),
 * the location picker (shown when there are several locations), then the page's links (children).
 */
export function LocationHeader({
  title,
  picker,
  before,
  children,
}: {
  title: ReactNode;
  picker: Parameters<typeof LocationPicker>[0];
  before?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className="row" style={{ alignItems: "flex-end", flexWrap: "wrap" }}>
      <h1 style={{ margin: 0, flex: 1 }}>{title}</h1>
      {before}
      <LocationPicker {...picker} />
      {children}
    </div>
  );
}
