/**
 * Known units of meaning — mined phrases (社会主义现代化国家), the canon's formulations, the
 * glossary's terms — found in the typed text, so that a prediction's key never starts inside one:
 * after 为全面建设社会主义现代化国家 the model may not predict from 国家 alone (国家 → 机关 is what
 * follows 国家 in 中央和国家机关, not the end of that phrase).
 *
 * The units are kept reversed in a trie of UTF-16 units (an open-addressing table of typed arrays),
 * and the typed text is walked backwards from each position: a few steps per character.
 */

const MAX_UNIT = 40;

export class UnitIndex {
  private mask: number;
  private from: Int32Array;
  private unit: Uint16Array;
  private to: Int32Array;
  private used = 0;
  private terminal: Uint8Array;
  private nodes = 1;
  readonly size: number;

  constructor(units: Iterable<string>) {
    const list = [...new Set(units)].filter((u) => u.length >= 2 && u.length <= MAX_UNIT);
    let chars = 0;
    for (const u of list) chars += u.length;
    let size = 1024;
    while (size < chars * 2) size *= 2;
    this.mask = size - 1;
    this.from = new Int32Array(size);
    this.unit = new Uint16Array(size);
    this.to = new Int32Array(size).fill(-1);
    this.terminal = new Uint8Array(chars + 2);
    for (const u of list) {
      let node = 0;
      for (let k = u.length - 1; k >= 0; k--) {
        let next = this.get(node, u.charCodeAt(k));
        if (next === -1) {
          next = this.nodes++;
          this.set(node, u.charCodeAt(k), next);
        }
        node = next;
      }
      this.terminal[node] = 1;
    }
    this.size = list.length;
  }

  private slot(state: number, unit: number): number {
    let h = (Math.imul(state, 0x9e3779b1) ^ Math.imul(unit + 1, 0x85ebca6b)) & this.mask;
    while (this.to[h] !== -1 && (this.from[h] !== state || this.unit[h] !== unit)) h = (h + 1) & this.mask;
    return h;
  }

  private get(state: number, unit: number): number {
    return this.to[this.slot(state, unit)];
  }

  private set(state: number, unit: number, next: number): void {
    const h = this.slot(state, unit);
    if (this.to[h] === -1) this.used++;
    this.from[h] = state;
    this.unit[h] = unit;
    this.to[h] = next;
  }

  /** Whether `text` is one of the units. */
  has(text: string): boolean {
    let node = 0;
    for (let k = text.length - 1; k >= 0; k--) {
      node = this.get(node, text.charCodeAt(k));
      if (node === -1) return false;
    }
    return this.terminal[node] === 1;
  }

  /**
   * For each offset i of `text` (0..length), whether i lies strictly inside an occurrence of a
   * unit that is wholly typed (it starts before i and ends after i, at or before the end).
   */
  inside(text: string): Uint8Array {
    const n = text.length;
    const out = new Uint8Array(n + 1);
    for (let b = n; b >= 2; b--) {
      let node = 0;
      for (let a = b - 1; a >= 0 && b - a <= MAX_UNIT; a--) {
        node = this.get(node, text.charCodeAt(a));
        if (node === -1) break;
        if (this.terminal[node]) for (let i = a + 1; i < b; i++) out[i] = 1;
      }
    }
    return out;
  }
}
