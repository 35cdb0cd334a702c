// A horizontal bar chart as inline SVG (no chart library): one bar per label, the count beside
// it. The SVG has a title and is described by a plain table-like list for screen readers.

export function BarChart({ id, title, bars }: { id: string; title: string; bars: { label: string; count: number }[] }) {
  const max = Math.max(1, ...bars.map((b) => b.count));
  const row = 28;
  const labelWidth = 210;
  const barWidth = 300;
  const height = Math.max(row, bars.length * row);
  return (
    <figure className="stack" style={{ margin: 0 }} data-testid={`chart-${id}`}>
      <figcaption>
        <strong>{title}</strong>
      </figcaption>
      <svg
        role="img"
        aria-labelledby={`${id}-title`}
        viewBox={`0 0 ${labelWidth + barWidth + 60} ${height}`}
        width="100%"
        style={{ maxWidth: 640 }}
      >
        <title id={`${id}-title`}>
          {title}: {bars.map((b) => `${b.label} ${b.count}`).join(", ")}
        </title>
        {bars.map((b, i) => {
          const w = Math.round((b.count / max) * barWidth);
          const y = i * row;
          return (
            <g key={b.label}>
              <text x={0} y={y + 18} fontSize={13} fill="currentColor">
                {b.label.length > 30 ? `${b.label.slice(0, 29)}…` : b.label}
              </text>
              <rect x={labelWidth} y={y + 5} width={Math.max(w, 1)} height={row - 10} fill="#1f5fa8" />
              <text x={labelWidth + w + 6} y={y + 18} fontSize={13} fill="currentColor">
                {b.count}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
