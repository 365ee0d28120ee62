import { describe, expect, it } from 'vitest';
import type { AccountEventJob } from '../src/contracts/events.js';
import { promptSignals } from '../src/features/aggregate/prompt-signals.js';
import { createNodeBuilder } from '../src/features/clusters/account-node.js';
import { scorePair } from '../src/features/clusters/edges.js';
import { DEFAULT_CLUSTER_PARAMS } from '../src/features/clusters/params.js';
import { prepareGraph } from '../src/features/clusters/prepared-graph.js';

const T0 = Date.UTC(2025, 5, 2);

/** Accounts with the given IPs, one benign request per IP at unrelated times, own cards. */
function pairEdge(ipsA: string[], ipsB: string[]) {
  const b = createNodeBuilder();
  let seq = 0;
  const add = (account: string, ips: string[], offset: number) =>
    ips.forEach((ip, k) => {
      const job: AccountEventJob = {
        request_id: `r${++seq}`,
        account_id: account,
        ts: T0 + offset + k * 7_919_000,
        ip,
        payment_fingerprint: `card_${account}`,
        user_agent: `ua_${account}`,
        label: 'benign',
        ...promptSignals(`question ${account} ${k} about topic ${seq * 31}`),
      };
      b.add(job);
    });
  add('a', ipsA, 0);
  add('b', ipsB, 3_600_000 * 5 + 123_000);
  const nodes = b.nodes().sort((x, y) => (x.id < y.id ? -1 : 1));
  const g = prepareGraph(nodes);
  return scorePair(g, 0, 1, DEFAULT_CLUSTER_PARAMS);
}

const pool = (tag: string, n: number) => Array.from({ length: n }, (_, i) => `10.${tag}.0.${i}`);

describe('one shared IP between two accounts', () => {
  it('counts half when a sticky account meets one rotating over a proxy pool, or two accounts each rotate over dozens', () => {
    const small = pairEdge(['10.9.9.9', ...pool('1', 4)], ['10.9.9.9', ...pool('2', 4)]);
    const sticky = pairEdge(['10.9.9.9'], ['10.9.9.9', ...pool('2', 20)]);
    const large = pairEdge(['10.9.9.9', ...pool('1', 45)], ['10.9.9.9', ...pool('2', 45)]);
    expect(small.identifiers).toBeGreaterThan(0);
    // Same shared value, same rarity: only the rotation around it differs.
    expect(sticky.identifiers).toBeCloseTo(small.identifiers / 2, 6);
    expect(large.identifiers).toBeCloseTo(small.identifiers / 2, 6);
  });
});
