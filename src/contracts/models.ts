import { z } from 'zod';

const MacroF1 = z.object({ all: z.number(), en: z.number(), zh: z.number() });

export const ModelVersionView = z
  .object({
    version: z.string().describe('Version directory name.'),
    live: z.boolean().describe('True on the version this process is serving.'),
    current: z
      .boolean()
      .describe('True on the version models/current.json names (what a restarted process would serve).'),
    created_at: z.string(),
    encoder: z.object({ name: z.string(), weights_hash: z.string() }),
    thresholds: z.record(z.string(), z.number()),
    evaluated: z.boolean().describe('Whether metrics.json / eval.json exist for this version.'),
    macro_f1: MacroF1.nullable().describe('Test-set macro-F1 (all, English, Chinese) when evaluated.'),
  })
  .meta({ title: 'ModelVersion' });
export type ModelVersionView = z.infer<typeof ModelVersionView>;

export const ModelsResponse = z
  .object({
    live: z.string().describe('Version serving requests in this process.'),
    current: z.string().nullable().describe('Version named by models/current.json.'),
    versions: z.array(ModelVersionView),
  })
  .meta({ title: 'ModelsResponse' });
export type ModelsResponse = z.infer<typeof ModelsResponse>;
