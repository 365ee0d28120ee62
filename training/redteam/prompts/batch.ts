/** Legitimate templated batch jobs: one fixed instruction per pipeline, a different record each call. */
import type { Datasets } from '../lib/datasets.js';
import type { Rng } from '../lib/rng.js';
import { fillSlots } from './fill.js';
import { truncate } from './text.js';

const PRODUCTS = [
  'wireless earbuds',
  'air fryer',
  'office chair',
  'running shoes',
  'phone case',
  'coffee maker',
  'backpack',
  'smart watch',
];
const GOOD = [
  'works great',
  'battery lasts all day',
  'arrived early',
  'very comfortable',
  'easy to set up',
  'worth every penny',
];
const BAD = [
  'stopped working after a week',
  'the strap broke',
  'customer service never replied',
  'smaller than pictured',
  'loud and cheap feeling',
  'missing parts',
];
const ZH_GOOD = ['质量很好', '物流很快', '性价比高', '用起来很顺手'];
const ZH_BAD = ['用了两天就坏了', '客服不回复', '和图片不一样', '包装破损'];

function review(rng: Rng): string {
  const parts = rng.sample([...rng.sample(GOOD, 2), ...rng.sample(BAD, rng.int(0, 2))], rng.int(1, 3));
  return `${rng.pick(['Bought this', 'Got the', 'Ordered a'])} ${rng.pick(PRODUCTS)}: ${parts.join(', ')}.${rng.chance(0.3) ? ` ${rng.int(1, 5)} stars.` : ''}`;
}

function ticket(rng: Rng): string {
  return `Subject: ${rng.pick(['Cannot log in', 'Charged twice', 'Feature request', 'App crashes on start', 'Change billing address', 'Data export missing'])}\nFrom: customer #${rng.int(10000, 99999)}\n\n${rng.pick(['Since the update I', 'Hi, I', 'Hello team, we'])} ${rng.pick(['keep getting error 500', 'see two charges on my card', 'would love dark mode', 'cannot open the app on Android 14', 'moved offices', 'did not receive the CSV'])}. ${rng.pick(['Please help asap.', 'Thanks.', 'This is blocking our team.', ''])}`;
}

function invoice(rng: Rng): string {
  return `INVOICE ${rng.pick(['INV', 'No.', '#'])}${rng.int(1000, 99999)}\n${rng.pick(['Globex GmbH', 'Initech LLC', 'Umbrella Supplies', 'Hooli Ltd'])}\nDate: 2025-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}\n${Array.from({ length: rng.int(1, 4) }, () => `${rng.pick(['Consulting', 'License', 'Hardware', 'Support plan'])} ${rng.int(1, 10)} x ${rng.int(20, 900)}.00`).join('\n')}\nVAT ${rng.pick([0, 7, 19, 20])}%`;
}

export const BATCH_JOBS = {
  sentiment:
    'Classify the sentiment of the following customer review as positive, negative or mixed. Answer with one word.\n\nReview: {x}',
  triage:
    'You are a support triage system. Return JSON {"category": one of [billing, bug, account, feature_request, other], "urgency": 1-3} for the ticket below.\n\n{x}',
  invoice:
    'Extract vendor, invoice_number, date, line_items (description, quantity, unit_price) and vat_rate from this invoice. Respond with JSON only.\n\n{x}',
  translate: 'Translate the following product description into {lang}. Keep the formatting.\n\n{x}',
  summarize: 'Summarize the following text in at most 2 sentences for a newsletter.\n\n{x}',
  zh_sentiment: '请判断下面这条商品评论的情感倾向（正面/负面/中性），只输出一个词。\n\n评论：{x}',
} as const;
export type BatchJob = keyof typeof BATCH_JOBS;

export function batchPrompt(rng: Rng, data: Datasets, job: BatchJob): string {
  const lang = rng.pick(['German', 'French', 'Japanese', 'Spanish', 'Portuguese']);
  let x: string;
  switch (job) {
    case 'sentiment':
      x = review(rng);
      break;
    case 'triage':
      x = ticket(rng);
      break;
    case 'invoice':
      x = invoice(rng);
      break;
    case 'zh_sentiment':
      x = `${rng.pick(['买了', '入手了'])}${rng.pick(['耳机', '空气炸锅', '椅子', '跑鞋'])}，${rng.sample([...ZH_GOOD, ...ZH_BAD], 2).join('，')}。`;
      break;
    default:
      x = truncate(rng.pick(data.alpaca).output, 1200);
  }
  return fillSlots(BATCH_JOBS[job], { x, lang });
}
