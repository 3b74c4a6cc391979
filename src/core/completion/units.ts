/**
 * Known units of meaning — mined phrases (社会主义现代化国家), the canon's formulations, the
 * glossary's terms — found in the typed text, so that a prediction's key never starts inside one:
 * after 为全面建设社会主义现代化国家 the model may not predict from 国家 alone (国家 → 机关 is what
 * follows 国家 in 中央和国家机关, not the end of that phrase).
 *
 * The units are kept in a set, with the lengths that occur; a query looks up the pieces of the typed
 * window that end at each position and have one of those lengths (a few hundred lookups), so
 * building the index costs no more than filling the set.
 */

const MAX_UNIT = 40;

export class UnitIndex {
  private readonly set: Set<string>;
  /** Lengths of the units, longest first. */
  private readonly lengths: number[];

  constructor(units: Iterable<string>) {
    this.set = new Set<string>();
    const lengths = new Set<number>();
    for (const u of units) {
      if (u.length < 2 || u.length > MAX_UNIT) continue;
      this.set.add(u);
      lengths.add(u.length);
    }
    this.lengths = [...lengths].sort((a, b) => b - a);
  }

  get size(): number {
    return this.set.size;
  }

  /** Whether `text` is one of the units. */
  has(text: string): boolean {
    return this.set.has(text);
  }

  /**
   * For each offset i of `text` (0..length), whether i lies strictly inside an occurrence of a
   * unit that is wholly typed (it starts before i and ends after i, at or before the end).
   */
  inside(text: string): Uint8Array {
    const n = text.length;
    const out = new Uint8Array(n + 1);
    for (let b = n; b >= 2; b--) {
      for (const L of this.lengths) {
        if (L > b) continue;
        const a = b - L;
        if (!this.set.has(text.slice(a, b))) continue;
        for (let i = a + 1; i < b; i++) out[i] = 1;
        break; // the longest unit ending at b covers the shorter ones
      }
    }
    return out;
  }
}
