/**
 * The service's API keys: from a `role:key,…` list, a key file, or both. The file is re-read
 * when it changes (polled `stat`, so an atomic rename-over works), which rotates keys without a
 * restart; a file that fails to parse on reload leaves the previous keys in force and logs an error.
 */
import { watchFile, unwatchFile, type Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { invalidConfig } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { matchKey, parseKeyList, type Caller, type KeyEntry } from './api-keys.js';

export interface KeyStore {
  /** True when keys come from the environment or a file; false means the service runs open. */
  readonly configured: boolean;
  /** The caller a presented key belongs to, or undefined for an unknown key. */
  authenticate(presented: string): Caller | undefined;
  /** Number of keys in force. */
  size(): number;
  /** Re-reads the key file now (also done automatically when it changes). */
  reload(): Promise<void>;
  /** Stops watching the key file. */
  close(): void;
}

export interface KeyStoreOptions {
  /** `role:key,role:key` (DISTILL_GUARD_API_KEYS). */
  keys?: string | undefined;
  /** Path of a key file (DISTILL_GUARD_API_KEYS_FILE). */
  file?: string | undefined;
  logger: Logger;
  /** How often the key file is checked for changes. */
  pollMs?: number;
}

const MAX_KEY_FILE_BYTES = 1024 * 1024;

async function readKeyFile(file: string): Promise<KeyEntry[]> {
  let info: Stats;
  try {
    info = await stat(file);
  } catch (err) {
    throw invalidConfig(`Cannot read the API key file ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}.`);
  }
  if (!info.isFile() || info.size > MAX_KEY_FILE_BYTES) {
    throw invalidConfig(`The API key file ${file} is not a regular file of at most ${MAX_KEY_FILE_BYTES} bytes.`);
  }
  return parseKeyList(await readFile(file, 'utf8'), file);
}

export async function createKeyStore(opts: KeyStoreOptions): Promise<KeyStore> {
  const fromEnv = opts.keys !== undefined ? parseKeyList(opts.keys, 'DISTILL_GUARD_API_KEYS') : [];
  let fromFile = opts.file !== undefined ? await readKeyFile(opts.file) : [];
  let entries = [...fromEnv, ...fromFile];
  const configured = opts.keys !== undefined || opts.file !== undefined;
  if (configured && entries.length === 0) {
    throw invalidConfig('API keys are configured but the list is empty; give at least one role:key entry.');
  }

  let reloading: Promise<void> = Promise.resolve();
  const reload = (): Promise<void> => {
    const file = opts.file;
    if (file === undefined) return Promise.resolve();
    reloading = reloading.then(async () => {
      try {
        fromFile = await readKeyFile(file);
        entries = [...fromEnv, ...fromFile];
        opts.logger.info({ file, keys: entries.length, keyIds: entries.map((e) => e.keyId) }, 'API keys reloaded');
        if (entries.length === 0)
          opts.logger.warn({ file }, 'API key file is empty: every authenticated route now answers 401');
      } catch (err) {
        opts.logger.error(
          { file, err: err instanceof Error ? err.message : String(err) },
          'API key file reload failed; keeping the previous keys',
        );
      }
    });
    return reloading;
  };

  const file = opts.file;
  const listener = (curr: Stats, prev: Stats) => {
    if (curr.mtimeMs !== prev.mtimeMs || curr.size !== prev.size || curr.ino !== prev.ino) void reload();
  };
  if (file !== undefined) watchFile(file, { interval: opts.pollMs ?? 1000, persistent: false }, listener);

  return {
    configured,
    authenticate(presented) {
      const entry = matchKey(entries, presented);
      return entry === undefined ? undefined : { keyId: entry.keyId, role: entry.role };
    },
    size: () => entries.length,
    reload,
    close() {
      if (file !== undefined) unwatchFile(file, listener);
    },
  };
}
