/**
 * Reading a history file for re-scoring: plain or gzip JSONL (detected by content, not name),
 * streamed and cut into parts of whole lines. Before the first part is handed out the head of
 * the input is checked: an input none of whose first lines is a JSON object is not JSONL, and
 * fails at once instead of producing a run in which every line is malformed.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { AppError } from '../../errors.js';
import { openConfined } from './data-paths.js';

export interface InputPart {
  index: number;
  /** 1-based line number of the part's first line in the input. */
  firstLine: number;
  /** The part's lines (blank ones included, so numbering stays exact). */
  lines: string[];
  /** Input bytes consumed when the part was cut (compressed bytes for gzip): progress against `totalBytes`. */
  bytes: number;
}

export interface OpenedInput {
  stream: Readable;
  /** The file's size on disk (undefined for stdin). */
  totalBytes: number | undefined;
  /** Bytes of the file read so far. */
  bytesRead(): number;
  gzip: boolean;
}

export const notJsonl = (message: string): AppError => new AppError(400, 'not_jsonl', message);

/**
 * Opens a file (gzip detected by its magic bytes) for line reading. With `root` (runs submitted
 * over HTTP) the file opened must be the regular file inside `root` that the path names.
 */
export async function openInput(file: string, root?: string): Promise<OpenedInput> {
  let fh: FileHandle;
  if (root !== undefined) fh = await openConfined(root, file);
  else {
    try {
      fh = await open(file, 'r');
    } catch (err) {
      throw new AppError(400, 'input_not_found', `cannot read ${file}: ${(err as Error).message}`);
    }
  }
  let totalBytes: number;
  const head = Buffer.alloc(2);
  try {
    totalBytes = (await fh.stat()).size;
    await fh.read(head, 0, 2, 0);
  } catch (err) {
    await fh.close();
    throw err;
  }
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  const raw = fh.createReadStream({ start: 0, highWaterMark: 1 << 20 });
  const stream = gzip ? raw.pipe(createGunzip()) : raw;
  if (gzip) raw.on('error', (err) => stream.destroy(err));
  // Closing the line stream early (an error, an interrupted run) must release the file too.
  if (gzip) stream.once('close', () => raw.destroy());
  return { stream, totalBytes, bytesRead: () => raw.bytesRead, gzip };
}

/** How many non-empty lines at the head of the input are checked for being JSON objects. */
export const SNIFF_LINES = 20;

function isJsonObjectLine(line: string): boolean {
  const t = line.trimStart();
  if (!t.startsWith('{')) return false;
  try {
    const v: unknown = JSON.parse(line);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

/**
 * Cuts the input into parts of `partLines` lines. Throws `not_jsonl` before the first part
 * when the input holds binary data or none of its first SNIFF_LINES non-empty lines is a JSON object.
 */
export async function* readParts(
  input: Pick<OpenedInput, 'stream' | 'bytesRead' | 'gzip'>,
  partLines: number,
): AsyncGenerator<InputPart> {
  let index = 0;
  // Plain files: exact bytes of the lines handed out; gzip: compressed bytes read (the size known up front).
  let consumed = 0;
  const position = () => (input.gzip ? input.bytesRead() : consumed);
  let lineNo = 0;
  let lines: string[] = [];
  let firstLine = 1;
  let sniffed = false;
  let nonEmpty = 0;
  let objects = 0;
  let firstBad: string | undefined;
  const verdict = () => {
    sniffed = true;
    if (nonEmpty > 0 && objects === 0) {
      throw notJsonl(
        `input is not JSONL: none of the first ${nonEmpty} non-empty lines is a JSON object (line ${firstBad ?? '1'})`,
      );
    }
  };
  for await (const line of createInterface({ input: input.stream, crlfDelay: Infinity })) {
    lineNo += 1;
    if (!sniffed) {
      if (line.includes('\u0000')) throw notJsonl(`input is not JSONL: line ${lineNo} holds binary data`);
      if (line.trim() !== '') {
        nonEmpty += 1;
        if (isJsonObjectLine(line)) objects += 1;
        else firstBad ??= String(lineNo);
        if (nonEmpty >= SNIFF_LINES) verdict();
      }
    }
    lines.push(line);
    consumed += Buffer.byteLength(line) + 1;
    if (lines.length >= partLines) {
      if (!sniffed) verdict();
      yield { index: index++, firstLine, lines, bytes: position() };
      firstLine = lineNo + 1;
      lines = [];
    }
  }
  if (!sniffed) verdict();
  if (lines.length > 0) yield { index, firstLine, lines, bytes: position() };
}
