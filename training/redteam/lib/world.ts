/**
 * Shared infrastructure of the simulated internet for one seed: ISP blocks, a commercial proxy network whose
 * exits are used both by attack campaigns and by a legitimate VPN service, residential proxy exits, mobile
 * carriers' carrier-grade NAT addresses, cloud ranges and the reseller platforms' egress addresses.
 * It depends on the seed only, so two families that share a pool share exactly the same addresses whatever
 * subset of families is generated.
 */
import { Rng } from './rng.js';

export interface IpPool {
  name: string;
  ips: string[];
}

export interface World {
  ispBlocks: string[];
  hostingBlocks: string[];
  cloudBlocks: string[];
  /** Commercial proxy network ("proxy network A"): attack campaigns AND the legit VPN service exit here. */
  commercialProxy: IpPool;
  /** A second, smaller commercial network (datacenter proxies). */
  datacenterProxy: IpPool;
  /** Residential proxy exits: addresses inside ordinary ISP blocks. */
  residentialProxy: IpPool;
  carriers: IpPool[];
  platformEgress: Record<'cloud-a' | 'cloud-b', string[]>;
  /** Companies with their office NAT addresses, corporate card and org (used by corp_nat and by any family hiding inside one). */
  companies: Company[];
}

export interface Company {
  name: string;
  nat: string[];
  card: string;
  org: string;
  tz: number;
}

const RESERVED_FIRST = new Set([0, 10, 100, 127, 169, 172, 192, 198, 203, 224]);

function publicFirstOctet(rng: Rng): number {
  for (;;) {
    const o = rng.int(2, 223);
    if (!RESERVED_FIRST.has(o)) return o;
  }
}

function blocks16(rng: Rng, n: number): string[] {
  const out = new Set<string>();
  while (out.size < n) out.add(`${publicFirstOctet(rng)}.${rng.int(0, 255)}`);
  return [...out];
}

export function ipIn16(rng: Rng, block: string): string {
  return `${block}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
}

function pool24(rng: Rng, blocks: string[], nets: number, perNet: [number, number]): string[] {
  const out = new Set<string>();
  for (let i = 0; i < nets; i++) {
    const net = `${rng.pick(blocks)}.${rng.int(0, 255)}`;
    const k = rng.int(perNet[0], perNet[1]);
    for (let j = 0; j < k; j++) out.add(`${net}.${rng.int(2, 254)}`);
  }
  return [...out];
}

export function buildWorld(seed: number): World {
  const rng = new Rng(`world:${seed}`);
  const ispBlocks = blocks16(rng.fork('isp'), 420);
  const hostingBlocks = blocks16(rng.fork('hosting'), 40);
  const cloudBlocks = blocks16(rng.fork('cloud'), 24);
  const r = rng.fork('pools');
  const residential = new Set<string>();
  while (residential.size < 5000) residential.add(ipIn16(r, r.pick(ispBlocks)));
  return {
    ispBlocks,
    hostingBlocks,
    cloudBlocks,
    commercialProxy: { name: 'proxy-network-A', ips: pool24(r, hostingBlocks, r.int(10, 16), [25, 50]) },
    datacenterProxy: { name: 'proxy-network-B', ips: pool24(r, hostingBlocks, r.int(3, 6), [10, 30]) },
    residentialProxy: { name: 'residential-proxy-C', ips: [...residential] },
    carriers: ['carrier-1', 'carrier-2', 'carrier-3'].map((name) => ({
      name,
      ips: pool24(r, ispBlocks, r.int(2, 4), [4, 10]),
    })),
    platformEgress: {
      'cloud-a': pool24(r, cloudBlocks, 2, [6, 10]),
      'cloud-b': pool24(r, cloudBlocks, 1, [3, 6]),
    },
    companies: ['company-1', 'company-2', 'company-3', 'company-4'].map((name) => {
      const c = rng.fork(name);
      return {
        name,
        nat: Array.from({ length: c.chance(0.4) ? 2 : 1 }, () => ipIn16(c, c.pick(ispBlocks))),
        card: `pf_${c.base36(16)}`,
        org: `org_${c.base36(12)}`,
        tz: c.weighted([
          [-8, 2],
          [-5, 3],
          [0, 2],
          [1, 3],
          [5.5, 2],
          [8, 3],
          [9, 1],
        ] as const),
      };
    }),
  };
}

/** A home/office broadband address. */
export function homeIp(rng: Rng, world: World): string {
  return ipIn16(rng, rng.pick(world.ispBlocks));
}

/** A cloud VM / CI runner address. */
export function cloudIp(rng: Rng, world: World): string {
  return ipIn16(rng, rng.pick(world.cloudBlocks));
}
