// Builds identity-document MRZs (ICAO 9303) with correct check digits, for tests. The check
// digits are computed here, independently of src/domain/visits/mrz.ts, so tests can check it.

export function checkDigit(field: string): string {
  const weights = [7, 3, 1];
  let total = 0;
  [...field].forEach((ch, i) => {
    const v = ch === "<" ? 0 : /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55;
    total += v * weights[i % 3];
  });
  return String(total % 10);
}
const fill = (s: string, n: number) => s.padEnd(n, "<");

export interface Td1 {
  code?: string;
  state: string;
  number: string;
  optional1?: string;
  birth: string;
  sex?: string;
  expiry: string;
  nationality?: string;
  optional2?: string;
  names: string;
}
export function td1(p: Td1): string[] {
  const number9 = p.number.length > 9 ? p.number.slice(0, 9) : fill(p.number, 9);
  const numberPart =
    p.number.length > 9 ? `${number9}<${p.number.slice(9)}${checkDigit(p.number)}` : `${number9}${checkDigit(number9)}`;
  const l1 = fill(`${fill(p.code ?? "I", 2)}${p.state}${numberPart}${p.optional1 ?? ""}`, 30);
  const l2head = `${p.birth}${checkDigit(p.birth)}${p.sex ?? "F"}${p.expiry}${checkDigit(p.expiry)}${fill(p.nationality ?? p.state, 3)}${fill(p.optional2 ?? "", 11)}`;
  const composite = l1.slice(5, 30) + l2head.slice(0, 7) + l2head.slice(8, 15) + l2head.slice(18, 29);
  return [l1, l2head + checkDigit(composite), fill(p.names, 30)];
}

export interface Td3 {
  state: string;
  names: string;
  number: string;
  nationality?: string;
  birth: string;
  sex?: string;
  expiry: string;
  personal?: string;
}
export function td3(p: Td3): string[] {
  const l1 = fill(`P<${p.state}${p.names}`, 44);
  const number = fill(p.number, 9);
  const personal = fill(p.personal ?? "", 14);
  const personalCd = p.personal ? checkDigit(personal) : "<";
  const head = `${number}${checkDigit(number)}${fill(p.nationality ?? p.state, 3)}${p.birth}${checkDigit(p.birth)}${p.sex ?? "F"}${p.expiry}${checkDigit(p.expiry)}${personal}${personalCd}`;
  const composite = head.slice(0, 10) + head.slice(13, 20) + head.slice(21, 43);
  return [l1, head + checkDigit(composite)];
}

/** Replaces the character at `index` of line `line` (to break one check digit). */
export function tamperMrz(lines: string[], line: number, index: number, ch: string): string[] {
  const copy = [...lines];
  copy[line] = copy[line].slice(0, index) + ch + copy[line].slice(index + 1);
  return copy;
}
