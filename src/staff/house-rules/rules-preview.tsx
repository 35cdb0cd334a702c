// One house rules text as the kiosk shows it: large, calm, readable type; right to left for Arabic.
import { dirOf } from "@/src/staff/house-rules/languages";

export function RulesPreview({
  language,
  label,
  title,
  body,
}: {
  language: string;
  label: string;
  title: string;
  body: string;
}) {
  const dir = dirOf(language);
  return (
    <figure style={{ margin: 0 }} data-testid={`rules-preview-${language}`}>
      <figcaption className="muted" style={{ marginBottom: "0.35rem" }}>
        {label}
      </figcaption>
      <article
        className="card"
        lang={language}
        dir={dir}
        style={{ maxWidth: "48rem", padding: "2rem", fontSize: "1.4rem", lineHeight: 1.6, textAlign: "start" }}
      >
        <h3 style={{ fontSize: "2rem", lineHeight: 1.25, margin: "0 0 1rem" }}>{title}</h3>
        <div style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{body}</div>
      </article>
    </figure>
  );
}
