import type { Writable } from 'node:stream';

export interface Progress {
  /** Records progress; draws at most every few hundred ms (TTY) or every `intervalMs` (otherwise). */
  update(lines: number, bytes: number): void;
  /** Clears the bar so another message can be written to the same stream. */
  clear(): void;
  done(): void;
}

export interface ProgressOptions {
  stream: Writable & { isTTY?: boolean; columns?: number };
  /** Input size in bytes when known (a file), for a percentage. */
  totalBytes?: number;
  now?: () => number;
  /** Nothing is shown before this much time has passed: short runs stay quiet. */
  quietMs?: number;
  /** Period of plain progress lines when the stream is not a TTY. */
  intervalMs?: number;
}

const fmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 75 → "1m15s", 3700 → "1h01m". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** Progress on stderr: a redrawn bar with rate on a TTY, a periodic plain line otherwise. */
export function createProgress(opts: ProgressOptions): Progress {
  const now = opts.now ?? (() => Date.now());
  const tty = opts.stream.isTTY === true;
  const quietMs = opts.quietMs ?? 1000;
  const intervalMs = tty ? 200 : (opts.intervalMs ?? 10_000);
  const started = now();
  let lastDraw = started;
  let drawn = false;
  let lines = 0;
  let bytes = 0;

  const describe = (): string => {
    const seconds = Math.max((now() - started) / 1000, 1e-3);
    const rate = `${fmt.format(lines / seconds)} lines/s`;
    if (opts.totalBytes === undefined || opts.totalBytes === 0) return `${fmt.format(lines)} lines, ${rate}`;
    const fraction = Math.min(1, bytes / opts.totalBytes);
    const pct = `${Math.floor(fraction * 100)}%`.padStart(4);
    const eta = fraction > 0 && fraction < 1 ? `, ETA ${formatDuration((seconds * (1 - fraction)) / fraction)}` : '';
    if (!tty) return `${pct} ${fmt.format(lines)} lines, ${rate}${eta}`;
    const width = 30;
    const filled = Math.round(fraction * width);
    return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${pct} ${fmt.format(lines)} lines ${rate}${eta}`;
  };

  const draw = () => {
    if (tty) opts.stream.write(`\r\x1b[K${describe()}`);
    else opts.stream.write(`progress: ${describe()}\n`);
    drawn = true;
    lastDraw = now();
  };

  return {
    update(l, b) {
      lines = l;
      bytes = b;
      const t = now();
      if (t - started >= quietMs && t - lastDraw >= intervalMs) draw();
    },
    clear() {
      if (tty && drawn) opts.stream.write('\r\x1b[K');
    },
    done() {
      if (tty && drawn) opts.stream.write('\r\x1b[K');
    },
  };
}
