/**
 * Aho–Corasick automaton: finds every occurrence of many literal patterns in one pass over the
 * text, in time linear in the text plus the matches. Used for all literal rule patterns, regex
 * triggers and glossary terms at once.
 */

export interface AcMatch {
  /** Index of the pattern in the array given to the constructor. */
  pattern: number;
  start: number;
  end: number;
}

export class AhoCorasick {
  private readonly next: Array<Map<number, number>> = [new Map()];
  private fail: Int32Array = new Int32Array(1);
  private readonly out: number[][] = [[]];
  private readonly lengths: number[];

  constructor(patterns: readonly string[]) {
    this.lengths = patterns.map((p) => p.length);
    patterns.forEach((p, id) => {
      if (!p) return;
      let s = 0;
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i);
        let t = this.next[s].get(c);
        if (t === undefined) {
          t = this.next.length;
          this.next.push(new Map());
          this.out.push([]);
          this.next[s].set(c, t);
        }
        s = t;
      }
      this.out[s].push(id);
    });
    this.buildFailLinks();
  }

  private buildFailLinks(): void {
    const fail = new Int32Array(this.next.length);
    const queue: number[] = [];
    for (const t of this.next[0].values()) {
      fail[t] = 0;
      queue.push(t);
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi];
      for (const [c, t] of this.next[s]) {
        queue.push(t);
        let f = fail[s];
        while (f !== 0 && !this.next[f].has(c)) f = fail[f];
        const g = this.next[f].get(c);
        fail[t] = g !== undefined && g !== t ? g : 0;
        if (this.out[fail[t]].length) this.out[t] = this.out[t].concat(this.out[fail[t]]);
      }
    }
    this.fail = fail;
  }

  /** Calls `onMatch` for every occurrence, in order of end position. */
  scan(text: string, onMatch: (m: AcMatch) => void): void {
    const { next, fail, out, lengths } = this;
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let t = next[s].get(c);
      while (t === undefined && s !== 0) {
        s = fail[s];
        t = next[s].get(c);
      }
      s = t ?? 0;
      const o = out[s];
      for (let k = 0; k < o.length; k++) {
        const id = o[k];
        onMatch({ pattern: id, start: i + 1 - lengths[id], end: i + 1 });
      }
    }
  }

  findAll(text: string): AcMatch[] {
    const r: AcMatch[] = [];
    this.scan(text, (m) => r.push(m));
    return r;
  }
}
