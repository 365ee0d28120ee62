import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export type Row = Record<string, unknown>;

export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

export function readText(dir: string, rel: string): string {
  const p = join(dir, rel);
  if (!existsSync(p)) throw new Error(`redteam: dataset file missing: ${p} (pass --datasets DIR)`);
  return readFileSync(p, 'utf8');
}

export function readJsonl(dir: string, rel: string): Row[] {
  return readText(dir, rel)
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Row);
}

export function listFiles(dir: string, rel: string): string[] {
  const p = join(dir, rel);
  if (!existsSync(p)) throw new Error(`redteam: dataset folder missing: ${p}`);
  return readdirSync(p).sort();
}

export function hasCjk(s: string): boolean {
  return /[\u4e00-\u9fff]/.test(s);
}
