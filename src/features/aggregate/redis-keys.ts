/**
 * Redis layout of the account pipeline. Account and request ids enter keys only as hashes. Every
 * key of one account carries the account hash as its Redis Cluster hash tag (`{h}`), so the
 * per-event script and the reads of one account stay in one slot; `p` is ACCOUNT_PREFIX.
 *
 *   p:req:{h}:{request hash}        marker: this request was counted for account h (SET NX, TTL = dedup window)
 *   p:acct:{h}:b:{hour}           hash per hour bucket: n, l:<label>, c:<area>, ua, len (TTL 7 d past the hour)
 *   p:acct:{h}:hours              sorted set of the hours that have a bucket (score = hour)
 *   p:acct:{h}:recent             sorted set of the last 256 requests: score ts, member "<request hash>:<signature>"
 *   p:acct:{h}:ip:{day}           HyperLogLog of IPs seen that day (TTL 8 d)
 *   p:acct:{h}:pf:{day}           HyperLogLog of payment fingerprints that day (TTL 8 d)
 *   p:acct:{h}:meta               hash: id (the raw account id, as a value), n, l:<label>, first, last
 *   p:acct:{h}:dirty              debounce marker: a recompute is already scheduled
 *   p:acct:{h}:state              JSON of the scored account (AccountView)
 *   p:rank                          sorted set: account hash by likelihood
 */
import { hashTag } from '../../redis/key-slot.js';
import { hashId } from './prompt-signals.js';

export interface AccountKeys {
  /** The per-request marker by request hash, in the account's slot (a request id is claimed for one account content at the API). */
  request(requestHash: string): string;
  bucket(hour: number): string;
  recent: string;
  hours: string;
  ips(day: number): string;
  cards(day: number): string;
  meta: string;
  dirty: string;
  state: string;
}

export interface KeySpace {
  prefix: string;
  account(accountHash: string): AccountKeys;
  rank: string;
}

export const accountHash = (accountId: string): string => hashId(`account:${accountId}`);
export const requestHash = (requestId: string): string => hashId(`request:${requestId}`);
export const valueHash = (value: string): string => hashId(`value:${value}`).slice(0, 16);

export function keySpace(prefix: string): KeySpace {
  return {
    prefix,
    account: (h) => {
      const a = `${prefix}:acct:${hashTag(h)}`;
      return {
        request: (rh) => `${prefix}:req:${hashTag(h)}:${rh}`,
        bucket: (hour) => `${a}:b:${hour}`,
        recent: `${a}:recent`,
        hours: `${a}:hours`,
        ips: (day) => `${a}:ip:${day}`,
        cards: (day) => `${a}:pf:${day}`,
        meta: `${a}:meta`,
        dirty: `${a}:dirty`,
        state: `${a}:state`,
      };
    },
    rank: `${prefix}:rank`,
  };
}
