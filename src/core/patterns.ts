/**
 * The shape of data/patterns.json: what `gongwen mine` writes and the completion engine reads.
 * Every kind carries `count` (occurrences), `docs` (documents it occurs in) and up to two
 * `examples` (where it was seen), so that shards mined separately can be merged by adding.
 * Described for editors and validation by data/schema/patterns.schema.json.
 */
import type { SerializedModel } from './completion/ngram';

export interface Example {
  /** File name (relative to the mined root), never an absolute path. */
  doc: string;
  /** 1-based line. */
  line: number;
}

export interface Counted {
  count: number;
  docs: number;
  examples: Example[];
}

/** A multi-word unit that recurs (学懂弄通做实). */
export interface Phrase extends Counted {
  text: string;
}

/** `next` often follows `head` directly (增强 → “四个意识”). */
export interface Collocation extends Counted {
  head: string;
  next: string;
}

/** A parallel structure (排比): items sharing a template (往深里走、往心里走、往实里走). */
export interface Parallel extends Counted {
  /** The shared shape with `*` for the varying part (往*里走). */
  template: string;
  items: string[];
  /** What separates the items (、 or ，). */
  separator: string;
}

/** An enumeration seen in the corpus: its marker family and the heads of its items. */
export interface Enumeration extends Counted {
  /** 一是 | 一要 | 一、 | （一） | 第一 | 首先 … */
  family: string;
  /** Number of items the enumeration had. */
  length: number;
}

/** A numbered concept ("三个表率") and its items where the corpus spells them out. */
export interface Concept extends Counted {
  text: string;
  expansion: string[];
}

/** A heading shape shared by sibling headings (在…上作表率). */
export interface SectionTemplate extends Counted {
  template: string;
  instances: string[];
}

export interface Patterns {
  /**
   * The continuation model: word n-gram counts of the mined text (see core/completion/ngram.ts).
   * Absent in files mined before it existed; completion then works from the other kinds.
   */
  model?: SerializedModel;
  version: 1;
  /** What was mined (file count and characters); no absolute paths. */
  source: { documents: number; characters: number };
  phrases: Phrase[];
  collocations: Collocation[];
  parallels: Parallel[];
  enumerations: Enumeration[];
  concepts: Concept[];
  sectionTemplates: SectionTemplate[];
  openings: Phrase[];
  closings: Phrase[];
}

/** A patterns object with nothing in it (the start of a merge, or a test's base). */
export function emptyPatterns(): Patterns {
  return {
    version: 1,
    source: { documents: 0, characters: 0 },
    phrases: [],
    collocations: [],
    parallels: [],
    enumerations: [],
    concepts: [],
    sectionTemplates: [],
    openings: [],
    closings: [],
  };
}
