// What a page about one location shows to someone who works at none (yet).
export function NoLocations({ title, text }: { title: string; text: string }) {
  return (
    <div className="stack">
      <h1>{title}</h1>
      <p>{text}</p>
    </div>
  );
}
