import { describe, expect, it } from "vitest";
import { isBanActive, nameKey } from "@/src/domain/bans/ban-match";

describe("nameKey", () => {
  it("ignores case and surrounding, repeated or odd spacing", () => {
    expect(nameKey("  Jan ", "  de   Vries ")).toBe("jan de vries");
    expect(nameKey("jan", "DE VRIES")).toBe("jan de vries");
    expect(nameKey("JAN", "de\tvries")).toBe("jan de vries");
  });

  it("treats hyphens, apostrophes and MRZ fillers as spaces", () => {
    expect(nameKey("Jan-Willem", "van 't Hof")).toBe(nameKey("JAN WILLEM", "VAN T HOF"));
    expect(nameKey("Jan<Willem", "van<t<Hof")).toBe("jan willem van t hof");
  });

  it("folds accents, so a typed name matches the transliterated name of a document", () => {
    expect(nameKey("José", "García")).toBe(nameKey("JOSE", "GARCIA"));
    expect(nameKey("Zoë", "Müller")).toBe("zoe muller");
    expect(nameKey("İbrahim", "Öztürk")).toBe(nameKey("IBRAHIM", "OZTURK"));
    // NFC and NFD spellings of the same name.
    expect(nameKey("Ren\u00e9", "X")).toBe(nameKey("Rene\u0301", "X"));
  });

  it("folds letters that have no decomposition (Turkish ı, Polish ł, German ß, Nordic ø/æ)", () => {
    expect(nameKey("Esra", "Yılmaz")).toBe(nameKey("ESRA", "YILMAZ"));
    expect(nameKey("Łukasz", "Wróbel")).toBe(nameKey("LUKASZ", "WROBEL"));
    expect(nameKey("Jürgen", "Straße")).toBe(nameKey("JURGEN", "STRASSE"));
    expect(nameKey("Søren", "Ærø")).toBe("soren aero");
  });

  it("keeps names in other scripts, so different names never share a key", () => {
    const a = nameKey("محمد", "علي");
    const b = nameKey("أحمد", "حسن");
    expect(a).not.toBe("");
    expect(b).not.toBe("");
    expect(a).not.toBe(b);
    // Hamza and vowel marks are folded like accents.
    expect(nameKey("أحمد", "حسن")).toBe(nameKey("احمد", "حسن"));
    expect(nameKey("Ολγα", "Παπα")).not.toBe(nameKey("Νικος", "Παπα"));
  });

  it("gives an empty key for a name without letters (never matched)", () => {
    expect(nameKey("", "")).toBe("");
    expect(nameKey(" - ", "'")).toBe("");
  });
});

describe("isBanActive", () => {
  const startsAt = new Date("2026-03-01T00:00:00Z");
  const endsAt = new Date("2026-04-01T00:00:00Z");
  const ban = { startsAt, endsAt, endedAt: null };

  it("is not active before its start", () => {
    expect(isBanActive(ban, new Date(startsAt.getTime() - 1))).toBe(false);
  });

  it("is active from its start until just before its end", () => {
    expect(isBanActive(ban, startsAt)).toBe(true);
    expect(isBanActive(ban, new Date("2026-03-15T12:00:00Z"))).toBe(true);
    expect(isBanActive(ban, new Date(endsAt.getTime() - 1))).toBe(true);
  });

  it("has expired at its end date", () => {
    expect(isBanActive(ban, endsAt)).toBe(false);
    expect(isBanActive(ban, new Date("2027-01-01T00:00:00Z"))).toBe(false);
  });

  it("is not active once ended by staff, even within its dates", () => {
    expect(isBanActive({ ...ban, endedAt: new Date("2026-03-10T00:00:00Z") }, new Date("2026-03-15T00:00:00Z"))).toBe(
      false,
    );
    // Ended, whatever the time of ending: a ban is ended, not paused.
    expect(isBanActive({ ...ban, endedAt: new Date("2026-03-20T00:00:00Z") }, new Date("2026-03-15T00:00:00Z"))).toBe(
      false,
    );
  });
});
