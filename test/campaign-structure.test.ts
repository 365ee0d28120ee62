import { describe, expect, it } from 'vitest';
import type { ClusterLink } from '../src/contracts/clusters.js';
import { campaignStructure, openSharing } from '../src/features/clusters/campaign.js';
import type { PreparedGraph } from '../src/features/clusters/prepared-graph.js';

/** A graph of accounts known only by the identifier keys they used (`ip:…`, `pf:…`, `org:…`, `ua:…`). */
const graphOf = (accounts: string[][]) =>
  ({ nodes: accounts.map((keys) => ({ ids: new Map(keys.map((k) => [k, 1])) })) }) as unknown as PreparedGraph;
const all = (n: number) => Array.from({ length: n }, (_, i) => i);
const link = (pattern: ClusterLink['pattern']): ClusterLink => ({ pattern, signals: [], detail: '' });

describe('campaign structure: open sharing against a pool', () => {
  it('reads members spread over a proxy pool (each IP on two of six) as one dispatcher', () => {
    const g = graphOf(all(6).map((i) => [`ip:${i}`, `ip:${(i + 1) % 6}`, `pf:own-${i}`, 'ua:same-bot']));
    expect(openSharing(g, all(6))).toBeCloseTo(2 / 6, 6);
    expect(campaignStructure(link('template_and_timing'), 6, openSharing(g, all(6)))).toBe(0.8);
  });

  it('reads one NAT IP, one class card or one org used by half or more as open sharing, not a campaign', () => {
    const nat = graphOf(all(6).map((i) => ['ip:office', `pf:own-${i}`]));
    const klass = graphOf(all(6).map((i) => [`ip:home-${i}`, i < 3 ? 'pf:school' : `pf:own-${i}`]));
    const org = graphOf(all(6).map((i) => [`ip:home-${i}`, `pf:own-${i}`, i % 2 === 0 ? 'org:lab' : `org:x-${i}`]));
    for (const g of [nat, klass, org]) {
      expect(openSharing(g, all(6))).toBeGreaterThanOrEqual(0.5);
      expect(campaignStructure(link('template_and_timing'), 6, openSharing(g, all(6)))).toBe(0);
    }
  });

  it('ignores user agents, and needs at least five accounts and a template-and-timing or rotation pattern', () => {
    const g = graphOf(all(6).map((i) => [`ip:home-${i}`, `pf:own-${i}`, 'ua:chrome']));
    expect(openSharing(g, all(6))).toBeCloseTo(1 / 6, 6);
    expect(campaignStructure(link('template_and_timing'), 4, 0)).toBe(0);
    expect(campaignStructure(link('rotating_identifiers'), 5, 1)).toBe(0.8);
    expect(campaignStructure(link('shared_exit'), 6, 0)).toBe(0);
  });
});
