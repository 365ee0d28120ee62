import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sha256 } from './rng.js';
import { packageRoot } from '../../src/util/package-root.js';

/** Repository root, from source (tsx) and from the compiled build (dist/) alike. */
export const REPO_ROOT = packageRoot();

/**
 * Public datasets directory: explicit argument, else env DISTILL_GUARD_DATASETS_DIR,
 * else `../shared/datasets/public` relative to the repository root.
 */
export function resolveDatasetsDir(explicit?: string): string {
  const fromEnv = process.env['DISTILL_GUARD_DATASETS_DIR'];
  if (explicit) return resolve(explicit);
  if (fromEnv) return resolve(fromEnv);
  return resolve(REPO_ROOT, '..', 'shared', 'datasets', 'public');
}

/** Reads public files under one root and records the sha256 of every file read. */
export class DataReader {
  readonly files = new Map<string, string>();

  constructor(readonly root: string) {}

  private raw(rel: string): Buffer {
    const buf = readFileSync(join(this.root, rel));
    this.files.set(rel, sha256(buf));
    return buf;
  }

  text(rel: string): string {
    return this.raw(rel).toString('utf8');
  }

  gzText(rel: string): string {
    return gunzipSync(this.raw(rel)).toString('utf8');
  }

  json<T>(rel: string): T {
    return JSON.parse(this.text(rel)) as T;
  }

  jsonl<T>(rel: string): T[] {
    return this.text(rel)
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as T);
  }

  /** Sorted relative paths of files directly or recursively under `dir` ending with `suffix`. */
  list(dir: string, suffix: string): string[] {
    const out: string[] = [];
    const walk = (abs: string): void => {
      for (const ent of readdirSync(abs, { withFileTypes: true })) {
        const p = join(abs, ent.name);
        if (ent.isDirectory()) walk(p);
        else if (ent.name.endsWith(suffix)) out.push(relative(this.root, p).split('\\').join('/'));
      }
    };
    walk(join(this.root, dir));
    return out.sort();
  }

  /** Recorded file hashes, sorted by path. */
  hashes(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const k of [...this.files.keys()].sort()) out[k] = this.files.get(k) as string;
    return out;
  }
}

/** Minimal RFC 4180 CSV parser (quoted fields, doubled quotes, embedded newlines). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** CSV rows as objects keyed by the header row. */
export function csvObjects(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}
