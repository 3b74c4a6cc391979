/**
 * The date the built-in rule data is current to (data/data-version.json): the CLI's --version and
 * the extension's hover show it, and a check as of a later month gets one info saying the rules
 * may not know the newest wording (src/core/rules/currency.ts).
 */
import fs = require('fs');
import path = require('path');
import { dataDir } from './data';
import { isValidIsoDate } from './date';
import type { IsoDate } from './types';

export interface DataVersion {
  /** YYYY-MM-DD: the day the rule data was last brought up to date. */
  currentTo?: IsoDate;
}

let cached: DataVersion | undefined;

/** data/data-version.json, read once; an absent or malformed file gives `{}` (no date known). */
export function builtinDataVersion(): DataVersion {
  if (cached) return cached;
  try {
    const json = JSON.parse(fs.readFileSync(path.join(dataDir(), 'data-version.json'), 'utf8')) as { currentTo?: unknown };
    const d = typeof json.currentTo === 'string' && isValidIsoDate(json.currentTo) ? json.currentTo : undefined;
    cached = d ? { currentTo: d } : {};
  } catch {
    cached = {};
  }
  return cached;
}

/** 2026-12-01 → 2026年12月 (the data's date as users read it: 数据截至 2026年12月). */
export function dataVersionCn(v: DataVersion = builtinDataVersion()): string | undefined {
  if (!v.currentTo) return undefined;
  const [y, m] = v.currentTo.split('-');
  return `${y}年${+m}月`;
}
