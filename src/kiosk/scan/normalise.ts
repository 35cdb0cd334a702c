/**
 * Cleans what any scan input produced, before it goes to onScan: line endings become "\n", other
 * control characters (a scanner's GS/FNC1, a stray Tab or NUL) and a leading AIM symbology
 * identifier (`]Q1`, `]C0`, sent by scanners configured to) are removed, and surrounding spaces go.
 * Case is kept: an invite's signature is case-sensitive.
 */
export function normaliseScan(text: string): string {
  if (typeof text !== "string") return "";
  const lines = text
    .replace(/\r\n?/g, "\n")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, "")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const joined = lines.join("\n");
  return joined.replace(/^\][A-Za-z][0-9A-Za-z]/, "");
}
