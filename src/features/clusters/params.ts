/** Tunable constants of the cluster pass (chosen on simulator seed 101; evaluated on other seeds). */
export interface ClusterParams {
  /** Blocks (accounts sharing one key) larger than this produce no candidate pairs. */
  maxBlock: number;
  /** Template keys per account used as blocking keys (its most frequent, most telling). */
  templateKeysPerAccount: number;
  /** Weight of each identifier kind when its value is rare and shared by no normal-looking account. */
  identifierWeight: { ip: number; payment_fingerprint: number; user_agent: number; org_id: number };
  /** Normal-looking accounts sharing a value (besides the pair) that halve its weight. */
  normalHalfLife: number;
  /** Pooled attack share of a card's or org's sharers from which its sharing stops counting as legitimate (lo → none, hi → all). */
  attackCarrying: [number, number];
  /** Edge weight = mix × (identifiers + templateWeight × template + coActivityWeight × co-activity). */
  templateWeight: number;
  coActivityWeight: number;
  /** Edges below this weight are dropped. */
  minEdge: number;
  /** Strong edge: label mixes alike and identifiers plus behaviour, or templates plus timing. */
  strong: { mix: number; identifiers: number; identifiersAlone: number; template: number; coActivity: number };
  /** Summed edge weight into a community needed to join it. */
  attachMin: number;
  /** Only edges whose label mixes are at least this alike let an account join a community (a benign account on a campaign's exit, active at its hours, stays out). */
  joinMix: number;
  labelPropagationRounds: number;
  /** Clusters at or above this score count as attack campaigns (they lift members' likelihood). */
  attackScore: number;
}

export const DEFAULT_CLUSTER_PARAMS: ClusterParams = {
  maxBlock: 200,
  templateKeysPerAccount: 16,
  identifierWeight: { ip: 0.5, payment_fingerprint: 1, user_agent: 0.2, org_id: 0.8 },
  normalHalfLife: 1.4,
  attackCarrying: [0.15, 0.3],
  templateWeight: 1,
  coActivityWeight: 0.6,
  minEdge: 0.3,
  strong: { mix: 0.5, identifiers: 0.6, identifiersAlone: 1.2, template: 0.3, coActivity: 0.25 },
  attachMin: 0.6,
  joinMix: 0.6,
  labelPropagationRounds: 5,
  attackScore: 0.6,
};
