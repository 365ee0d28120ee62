/**
 * One Lua call for many items: a script written for one item (its own KEYS and ARGV) runs over a
 * list of items inside a single EVALSHA. Each item's KEYS and ARGV are exactly what a call of its
 * own would receive, and the items run in order, so the replies are those of one call per item
 * in a row; Redis pays one script invocation instead of one per item. The whole list runs
 * atomically (nothing else runs in between), which is never weaker than one call per item.
 *
 * Wire format: KEYS holds every item's keys in order; ARGV[1] is the item count n, ARGV[2..2n+1]
 * the key and argument count of each item, then every item's arguments in order. An item whose
 * script returns nothing replies nil.
 */
import type { ChainableCommander, Redis } from 'ioredis';

export interface ScriptCall {
  keys: readonly string[];
  args: readonly (string | number)[];
}

/** The list form of a one-item script: its body becomes a function called once per item. */
export function batchedLua(oneItemLua: string): string {
  return `
local function one(KEYS, ARGV)
${oneItemLua}
end
local n = tonumber(ARGV[1])
local out = {}
local k, a = 0, 1 + 2 * n
for i = 1, n do
  local nk, na = tonumber(ARGV[2 * i]), tonumber(ARGV[2 * i + 1])
  local keys, argv = {}, {}
  for j = 1, nk do keys[j] = KEYS[k + j] end
  for j = 1, na do argv[j] = ARGV[a + j] end
  k = k + nk
  a = a + na
  local r = one(keys, argv)
  if r == nil then r = false end
  out[i] = r
end
return out
`;
}

type BatchCommand = (...args: (string | number)[]) => unknown;

/** Defines the list form of a one-item script as command `name` on this connection (once). */
export function defineBatchScript(redis: Redis, name: string, oneItemLua: string): void {
  if (typeof (redis as unknown as Record<string, unknown>)[name] !== 'function')
    redis.defineCommand(name, { lua: batchedLua(oneItemLua) });
}

/** Queues one call of a defined batch script over `calls` on a pipeline; its reply is the array of replies. */
export function queueBatch(pipeline: ChainableCommander, name: string, calls: readonly ScriptCall[]): void {
  const keys: string[] = [];
  const header: number[] = [calls.length];
  const args: (string | number)[] = [];
  for (const c of calls) {
    keys.push(...c.keys);
    header.push(c.keys.length, c.args.length);
    args.push(...c.args);
  }
  (pipeline as unknown as Record<string, BatchCommand>)[name]!(keys.length, ...keys, ...header, ...args);
}
