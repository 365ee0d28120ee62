/**
 * The tokenizer of a local ONNX encoder directory (`tokenizer.json`, optionally
 * `tokenizer_config.json`), loaded with transformers.js from disk only: remote models are
 * disabled, so nothing is ever fetched.
 */
import path from 'node:path';
import { AutoTokenizer, env, type PreTrainedTokenizer } from '@huggingface/transformers';

/** transformers.js keeps its model path in process-wide settings: loads run one at a time. */
let loading: Promise<unknown> = Promise.resolve();

export interface LocalTokenizer {
  /** Token ids with the model's special tokens ([CLS] … [SEP] or <s> … </s>). */
  encodeWithSpecials(text: string): number[];
  /** Token ids of the text alone. */
  encodeText(text: string): number[];
  padId: number;
  /** `model_max_length` from tokenizer_config.json when it is a real limit (not the "unbounded" sentinel). */
  modelMaxLength: number | undefined;
}

export function loadLocalTokenizer(dir: string): Promise<LocalTokenizer> {
  const abs = path.resolve(dir);
  const next = loading.then(async () => {
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.localModelPath = `${path.dirname(abs)}${path.sep}`;
    const tokenizer: PreTrainedTokenizer = await AutoTokenizer.from_pretrained(path.basename(abs), {
      local_files_only: true,
    });
    const max = Number(tokenizer.model_max_length);
    return {
      encodeWithSpecials: (text: string) => tokenizer.encode(text),
      encodeText: (text: string) => tokenizer.encode(text, { add_special_tokens: false }),
      padId: typeof tokenizer.pad_token_id === 'number' ? tokenizer.pad_token_id : 0,
      modelMaxLength: Number.isFinite(max) && max > 0 && max < 1_000_000 ? max : undefined,
    } satisfies LocalTokenizer;
  });
  loading = next.catch(() => undefined);
  return next;
}
