import * as ort from 'onnxruntime-node';
import { loadUseLiteEncoder, defaultUseLiteDir } from './src/models/use-lite-encoder.ts';
import { readVerified } from './src/models/weights-integrity.ts';
import { USE_LITE_PINS } from './src/models/use-lite-pins.ts';
import { buildUseLiteOnnx } from './src/models/use-lite-onnx-graph.ts';
import { SentencePieceTokenizer } from './src/models/sentencepiece-tokenizer.ts';
import { readFileSync } from 'node:fs';

const dir = defaultUseLiteDir();
const { files } = await readVerified(dir, USE_LITE_PINS);
const mj = JSON.parse(files.get('model.json')!.toString());
const buf = Buffer.concat(mj.weightsManifest.flatMap((g: any) => g.paths.map((p: string) => files.get(p))));
const weights = new Map();
let off = 0;
for (const s of mj.weightsManifest.flatMap((g: any) => g.weights)) {
  const n = s.shape.reduce((a: number, b: number) => a * b, 1);
  if (s.dtype === 'float32') weights.set(s.name, { shape: s.shape, data: new Float32Array(buf.buffer.slice(buf.byteOffset + off, buf.byteOffset + off + n * 4)) });
  off += n * 4;
}
console.log('decoded', weights.size, off, buf.length);
let t = performance.now();
const bytes = buildUseLiteOnnx(weights);
console.log('built', bytes.length, (performance.now() - t).toFixed(0), 'ms');
const threads = Number(process.env.T ?? 1);
const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all' });
const tok = new SentencePieceTokenizer(JSON.parse(files.get('vocab.json')!.toString()));
const enc = await loadUseLiteEncoder({ batching: 'exact-length' });
const lines = readFileSync('/tmp/prof/h3k.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l).prompt as string);
const texts = [...new Set(lines)].slice(0, 400);
const ids = texts.map((x) => { const s = tok.encode(x).slice(0, 128); return s.length ? s : [0]; });
console.log('mean tokens', ids.reduce((a, s) => a + s.length, 0) / ids.length);
async function runOrt(batch: number[][]): Promise<Float32Array[]> {
  const L = Math.max(...batch.map((s) => s.length));
  const idT = new BigInt64Array(batch.length * L); const m = new Float32Array(batch.length * L);
  batch.forEach((s, r) => s.forEach((id, c) => { idT[r * L + c] = BigInt(id); m[r * L + c] = 1; }));
  const out = await session.run({ ids: new ort.Tensor('int64', idT, [batch.length, L]), mask: new ort.Tensor('float32', m, [batch.length, L]) });
  const d = out.embedding!.data as Float32Array;
  return batch.map((_, r) => d.slice(r * 512, (r + 1) * 512));
}
// correctness: one at a time vs tfjs
const ref = await enc.embedChunks(texts);
let maxd = 0; let minCos = 1;
const single: Float32Array[] = [];
for (const s of ids) single.push((await runOrt([s]))[0]!);
single.forEach((v, i) => { let dot = 0; for (let k = 0; k < 512; k++) { maxd = Math.max(maxd, Math.abs(v[k]! - ref[i]![k]!)); dot += v[k]! * ref[i]![k]!; } minCos = Math.min(minCos, dot); });
console.log('single: max abs diff', maxd, 'min cos', minCos);
// padded batches
const padded: Float32Array[] = [];
for (let i = 0; i < ids.length; i += 32) padded.push(...(await runOrt(ids.slice(i, i + 32))));
let maxp = 0; padded.forEach((v, i) => { for (let k = 0; k < 512; k++) maxp = Math.max(maxp, Math.abs(v[k]! - single[i]![k]!)); });
console.log('padded vs single max diff', maxp);
// speed
for (const bs of [1, 8, 32]) {
  t = performance.now();
  for (let i = 0; i < ids.length; i += bs) await runOrt(ids.slice(i, i + bs));
  const ortMs = (performance.now() - t) / ids.length;
  console.log(`ort threads=${threads} batch ${bs} (padded, input order): ${ortMs.toFixed(2)} ms/prompt`);
}
t = performance.now(); await enc.embedChunks(texts); const tfMs = (performance.now() - t) / texts.length;
console.log(`tfjs exact-length: ${tfMs.toFixed(2)} ms/prompt`);
// determinism: exact-length groups of various sizes vs singles
const byLen = new Map<number, number[]>();
ids.forEach((s, i) => { const a = byLen.get(s.length) ?? []; a.push(i); byLen.set(s.length, a); });
let maxe = 0, groups = 0;
for (const [, idx] of byLen) { if (idx.length < 2) continue; groups++; const out = await runOrt(idx.map((i) => ids[i]!)); idx.forEach((i, k) => { for (let d = 0; d < 512; d++) maxe = Math.max(maxe, Math.abs(out[k]![d]! - single[i]![d]!)); }); }
console.log('exact-length groups', groups, 'max diff vs single', maxe);
const order = ids.map((_, i) => i).sort((a, b) => ids[a]!.length - ids[b]!.length);
for (const bs of [8, 32, 64]) {
  t = performance.now();
  for (let i = 0; i < order.length; i += bs) await runOrt(order.slice(i, i + bs).map((j) => ids[j]!));
  console.log(`ort threads=${threads} sorted batch ${bs}: ${((performance.now() - t) / ids.length).toFixed(2)} ms/prompt`);
}
t = performance.now();
for (const [, idx] of byLen) for (let i = 0; i < idx.length; i += 64) await runOrt(idx.slice(i, i + 64).map((j) => ids[j]!));
console.log(`ort exact-length: ${((performance.now() - t) / ids.length).toFixed(2)} ms/prompt`);
if (process.env.DUMP) { const f = new Float32Array(single.length * 512); single.forEach((v, i) => f.set(v, i * 512)); (await import('node:fs')).writeFileSync(process.env.DUMP, Buffer.from(f.buffer)); }
// concurrency: two concurrent single-sequence loops on the same session
t = performance.now();
let next = 0;
const worker = async () => { while (next < ids.length) { const i = next++; await runOrt([ids[i]!]); } };
await Promise.all([worker(), worker()]);
console.log(`ort threads=${threads} batch 1, 2 concurrent runs: ${((performance.now() - t) / ids.length).toFixed(2)} ms/prompt`);
