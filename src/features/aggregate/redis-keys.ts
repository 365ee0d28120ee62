/**
 * Redis layout of the account pipeline. Account and request ids enter keys only as hashes.
 *
 *   {p}:req:{request hash}          marker: this request was counted (SET NX, TTL = dedup window)
 *   {p}:acct:{h}:b:{hour}           hash per hour bucket: n, l:<label>, c:<area>, ua, len (TTL 7 d past the hour)
 *   {p}:acct:{h}:hours              sorted set of the hours that have a bucket (score = hour)
 *   {p}:acct:{h}:recent             sorted set of the last 256 requests: score ts, member "<request hash>:<signature>"
 *   {p}:acct:{h}:ip:{day}           HyperLogLog of IPs seen that day (TTL 8 d)
 *   {p}:acct:{h}:pf:{day}           HyperLogLog of payment fingerprints that day (TTL 8 d)
 *   {p}:acct:{h}:meta               hash: id (the raw account id, as a value), n, l:<label>, first, last
 *   {p}:acct:{h}:dirty              debounce marker: a recompute is already scheduled
 *   {p}:acct:{h}:state              JSON of the scored account (AccountView)
 *   {p}:rank                        sorted set: account hash by likelihood
 */
import { hashId } from './prompt-signals.js';

export interface AccountKeys {
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
  request(requestId: string): string;
  account(accountHash: string): AccountKeys;
  rank: string;
}

export const accountHash = (accountId: string): string => hashId(`account:${accountId}`);
export const requestHash = (requestId: string): string => hashId(`request:${requestId}`);
export const valueHash = (value: string): string => hashId(`value:${value}`).slice(0, 16);

export function keySpace(prefix: string): KeySpace {
  return {
    prefix,
    request: (requestId) => `${prefix}:req:${requestHash(requestId)}`,
    account: (h) => ({
      bucket: (hour) => `${prefix}:acct:${h}:b:${hour}`,
      recent: `${prefix}:acct:${h}:recent`,
      hours: `${prefix}:acct:${h}:hours`,
      ips: (day) => `${prefix}:acct:${h}:ip:${day}`,
      cards: (day) => `${prefix}:acct:${h}:pf:${day}`,
      meta: `${prefix}:acct:${h}:meta`,
      dirty: `${prefix}:acct:${h}:dirty`,
      state: `${prefix}:acct:${h}:state`,
    }),
    rank: `${prefix}:rank`,
  };
}
