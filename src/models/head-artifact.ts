/**
 * The on-disk form of a prompt head: `head.json` (metadata, validated with zod) beside
 * `weights.bin` (float32 little-endian tensors, addressed by name), verified by SHA-256.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ATTACK_LABELS } from '../labels.js';
import { DETECTED_LANGUAGES } from '../util/lang.js';
import { sha256, WeightsIntegrityError } from './weights-integrity.js';
import { PrescreenSchema } from './heads/prescreen.js';
import { LENGTH_BUCKETS } from './length-bucket.js';

export const HEAD_FORMAT = 'distill-guard-head/1';

const TensorRef = z.string().min(1);
const LayerSpec = z.object({
  inputs: z.number().int().positive(),
  outputs: z.number().int().positive(),
  activation: z.enum(['relu', 'linear']),
  kernel: TensorRef,
  bias: TensorRef,
});

export const HeadMetadataSchema = z.object({
  format: z.literal(HEAD_FORMAT),
  version: z.string().min(1),
  createdAt: z.string(),
  labels: z.array(z.enum(ATTACK_LABELS)).length(ATTACK_LABELS.length),
  encoder: z.object({ name: z.string(), weightsHash: z.string() }),
  lexical: z.object({ buckets: z.number().int().positive() }),
  semantic: z.object({ kind: z.enum(['logreg', 'mlp']), layers: z.array(LayerSpec).min(1) }),
  lexicalHead: z.object({ weights: TensorRef, bias: TensorRef }),
  stacker: z.object({
    features: z.array(z.string()),
    weights: z.array(z.array(z.number())),
    bias: z.array(z.number()),
  }),
  /** Per label; with `thresholdsByLength`, the lowest of any length bucket. */
  thresholds: z.record(z.enum(ATTACK_LABELS), z.number().min(0).max(1)),
  /**
   * Per length bucket of the prompt (length-bucket.ts), the thresholds it is held to: long
   * documents, code and problem statements read more like attacks to the head than short requests
   * do, so the threshold policy may raise a bucket's threshold alone. Absent: `thresholds` for
   * every prompt.
   */
  thresholdsByLength: z
    .record(z.enum(LENGTH_BUCKETS), z.record(z.enum(ATTACK_LABELS), z.number().min(0).max(1)))
    .optional(),
  /**
   * Per language, the thresholds a prompt detected in that language is held to, in place of its
   * length bucket's: languages the head was trained on from written prompts alone (no real user
   * prompts to hold a length bucket to), whose attacks score lower than English or Chinese ones
   * (training/heads/language-thresholds.ts). Absent for a language: the length buckets' (or
   * `thresholds`).
   */
  thresholdsByLanguage: z
    .partialRecord(z.enum(DETECTED_LANGUAGES), z.record(z.enum(ATTACK_LABELS), z.number().min(0).max(1)))
    .optional(),
  inference: z.object({
    maxChunksPerPrompt: z.number().int().positive(),
    /**
     * Per label, how far a fine window's logit is lowered for each natural-log unit of the number
     * of fine windows in the prompt (window-aggregation.ts); absent: 0, the plain maximum.
     */
    windowOffset: z.record(z.enum(ATTACK_LABELS), z.number().min(0)).optional(),
  }),
  /** The lexical pre-screen (heads trained before it existed have none). */
  prescreen: PrescreenSchema.optional(),
  /**
   * Languages the head was trained for (every attack label and benign prompts seen in each);
   * absent on heads trained before languages were recorded: DEFAULT_TRAINED_LANGUAGES.
   */
  languages: z.array(z.enum(DETECTED_LANGUAGES)).optional(),
  tensors: z.record(
    z.string(),
    z.object({ offset: z.number().int().nonnegative(), length: z.number().int().nonnegative() }),
  ),
  weightsSha256: z.string().length(64),
  training: z.record(z.string(), z.unknown()).optional(),
});
export type HeadMetadata = z.infer<typeof HeadMetadataSchema>;

export interface HeadArtifact {
  meta: HeadMetadata;
  tensor(name: string): Float32Array;
  /** SHA-256 of the bytes read: `head.json` and `weights.bin` (what promotion records pin). */
  digests: { headSha256: string; weightsSha256: string };
}

export class HeadFormatError extends Error {
  override readonly name = 'HeadFormatError';
}

export async function readHeadArtifact(dir: string): Promise<HeadArtifact> {
  const headBytes = await readFile(path.join(dir, 'head.json'));
  const raw = JSON.parse(headBytes.toString('utf8')) as unknown;
  const parsed = HeadMetadataSchema.safeParse(raw);
  if (!parsed.success) throw new HeadFormatError(`${dir}/head.json is not a valid head: ${parsed.error.message}`);
  const meta = parsed.data;
  const bytes = await readFile(path.join(dir, 'weights.bin'));
  const actual = sha256(bytes);
  if (actual !== meta.weightsSha256)
    throw new WeightsIntegrityError(path.join(dir, 'weights.bin'), meta.weightsSha256, actual);
  const floats = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return {
    meta,
    digests: { headSha256: sha256(headBytes), weightsSha256: actual },
    tensor(name) {
      const ref = meta.tensors[name];
      if (!ref) throw new HeadFormatError(`head ${meta.version} has no tensor ${name}`);
      return floats.subarray(ref.offset, ref.offset + ref.length);
    },
  };
}

/** Writes a head; returns the weights' SHA-256 (also stored in head.json). */
export async function writeHeadArtifact(
  dir: string,
  meta: Omit<HeadMetadata, 'tensors' | 'weightsSha256'>,
  tensors: ReadonlyMap<string, Float32Array>,
): Promise<HeadMetadata> {
  const refs: HeadMetadata['tensors'] = {};
  let offset = 0;
  for (const [name, t] of tensors) {
    refs[name] = { offset, length: t.length };
    offset += t.length;
  }
  const all = new Float32Array(offset);
  for (const [name, t] of tensors) all.set(t, (refs[name] as { offset: number }).offset);
  const bytes = Buffer.from(all.buffer);
  const full: HeadMetadata = { ...meta, tensors: refs, weightsSha256: sha256(bytes) };
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'weights.bin'), bytes);
  await writeFile(path.join(dir, 'head.json'), `${JSON.stringify(full, null, 2)}\n`);
  return full;
}
