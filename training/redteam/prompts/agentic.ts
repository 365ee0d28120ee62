/**
 * Agentic-capability harvesting prompts. Each one is individually ordinary: function calling with tool
 * schemas, tool-use transcripts, coding-agent steps, bug fixes, computer-use actions, data analysis, vision
 * and multi-agent planning. The harvest shows only in volume, breadth and coordination.
 */
import type { Datasets } from '../lib/datasets.js';
import type { Rng } from '../lib/rng.js';
import { argValue, renderTools, TOOLS, toolTask } from './tools-catalog.js';
import { truncate } from './text.js';

export const AGENT_KINDS = [
  'fc_single',
  'fc_transcript',
  'code_fix',
  'code_impl',
  'agent_step',
  'computer_use',
  'data_analysis',
  'vision',
  'orchestrate',
  'sql',
] as const;
export type AgentKind = (typeof AGENT_KINDS)[number];

export const REPOS = [
  'acme/billing-service',
  'orbit-labs/ingest',
  'tessera/ui-kit',
  'northwind/api-gateway',
  'fieldnote/mobile',
  'quanta/etl-jobs',
  'harbor/auth',
  'kite/search-indexer',
];
export const ISSUES = [
  'Pagination returns duplicate rows when two records share the same created_at.',
  'The retry decorator swallows the original exception message.',
  'Timezone conversion is off by one hour after the DST change.',
  'Upload fails for files larger than 2 GB with a 413 from the proxy.',
  'The CSV export escapes commas inside quoted fields incorrectly.',
  'Memory grows unbounded when the websocket client reconnects.',
  'Feature flag cache is never invalidated after an update.',
  'Sorting by price treats numbers as strings.',
];
const LANGS = ['Python', 'TypeScript', 'Go', 'Rust', 'Java'];
const APPS = ['Mail', 'Sheets', 'Settings', 'ShopFast checkout', 'Calendar', 'File manager', 'Banking portal'];
const GOALS = [
  'Archive every email from newsletters received this week.',
  'Sort column C descending and bold the header row.',
  'Turn on two-factor authentication.',
  'Apply the coupon SPRING10 and proceed to payment.',
  'Move the Friday standup to 10:30.',
  'Rename report_final(3).pdf to Q1-report.pdf.',
  'Download last month’s statement as PDF.',
];
const SCENES = [
  'a warehouse shelf',
  'a street crossing',
  'a kitchen counter',
  'a parking lot',
  'a retail checkout',
  'a factory line',
];
const OBJECTS = ['boxes', 'pedestrians', 'bottles', 'cars', 'price tags', 'defective parts'];

export interface AgentStyle {
  kinds: AgentKind[];
  toolFormat: 'json' | 'xml' | 'ts';
  system: string;
  /** Share of requests phrased in Chinese (zh system prompt, zh coding tasks). */
  zhShare: number;
}

const SYSTEMS_ZH = [
  '你是一个可以调用工具的助手。需要时请只输出JSON：{"name": ..., "arguments": {...}}。',
  '你可以使用下面的函数来完成用户的任务。请先判断需要调用哪个函数，再给出调用。',
];

const SYSTEMS = [
  'You are a helpful assistant with access to the following functions. Use them if required.',
  'You can call tools. When a tool is needed, reply only with a JSON object {"name": ..., "arguments": {...}}.',
  'You are an AI agent. Think about which tool to use, then emit the call.',
  'Answer the user. You may call one or more of the tools below; call them in parallel when independent.',
];

export function drawAgentStyle(rng: Rng, narrow: boolean): AgentStyle {
  return {
    kinds: rng.sample(AGENT_KINDS, narrow ? rng.int(2, 4) : rng.int(5, 9)),
    toolFormat: rng.pick(['json', 'xml', 'ts'] as const),
    system: rng.pick(SYSTEMS),
    zhShare: rng.chance(0.5) ? Number(rng.float(0.1, 0.4).toFixed(2)) : 0,
  };
}

function mutate(rng: Rng, code: string): string {
  const swaps: [RegExp, string][] = [
    [/<=/, '<'],
    [/>=/, '>'],
    [/ \+ 1\b/, ''],
    [/==/, '!='],
    [/\band\b/, 'or'],
    [/return True/, 'return False'],
  ];
  for (const [re, to] of rng.shuffle(swaps)) if (re.test(code)) return code.replace(re, to);
  return code;
}

function csvHead(rng: Rng, text: string): string {
  const cols = [...new Set([...text.matchAll(/'([A-Za-z_][\w ]{0,24})'/g)].map((m) => m[1] ?? ''))].slice(0, 6);
  const header = cols.length >= 2 ? cols : ['id', 'value', 'category', 'date'];
  const rows = Array.from({ length: rng.int(3, 5) }, (_, i) =>
    header
      .map((h) =>
        /date/i.test(h)
          ? `2021-0${rng.int(1, 9)}-1${rng.int(0, 9)}`
          : i % 3 === 2 && rng.chance(0.3)
            ? ''
            : String(rng.int(0, 500) / (rng.chance(0.5) ? 10 : 1)),
      )
      .join(','),
  );
  return [header.join(','), ...rows].join('\n');
}

export function agentPrompt(rng: Rng, data: Datasets, st: AgentStyle): string {
  const kind = rng.pick(st.kinds);
  switch (kind) {
    case 'fc_single': {
      const tools = rng.sample(TOOLS, rng.int(2, 6));
      if (rng.chance(st.zhShare)) {
        return `${rng.pick(SYSTEMS_ZH)}\n\n${renderTools(rng, tools, st.toolFormat)}\n\n用户：${toolTask(rng, rng.pick(tools), true)}`;
      }
      return `${st.system}\n\n${renderTools(rng, tools, st.toolFormat)}\n\nUser: ${toolTask(rng, rng.pick(tools))}`;
    }
    case 'fc_transcript': {
      const tools = rng.sample(TOOLS, rng.int(2, 5));
      const t = rng.pick(tools);
      const args = Object.fromEntries(t.params.filter((x) => x.required).map((x) => [x.name, argValue(rng, x)]));
      const result = rng.pick([
        '{"status": "ok", "results": []}',
        '{"error": "rate_limited", "retry_after": 2}',
        `{"status": "ok", "count": ${rng.int(1, 40)}}`,
        '{"error": "not_found"}',
      ]);
      return `${st.system}\n\n${renderTools(rng, tools, st.toolFormat)}\n\nUser: ${toolTask(rng, t)}\nAssistant: ${JSON.stringify({ name: t.name, arguments: args })}\nTool (${t.name}): ${result}\n\nContinue: decide the next call or answer the user.`;
    }
    case 'code_fix': {
      const h = rng.pick(data.humanEval);
      return `This function has a bug and the test \`check(${h.entry})\` fails. Find and fix it. Return only the corrected function.\n\n\`\`\`python\n${h.prompt}${mutate(rng, h.solution)}\`\`\``;
    }
    case 'code_impl': {
      const lang = rng.pick(LANGS);
      if (rng.chance(st.zhShare)) {
        const zhSpec = truncate(rng.pick(data.pools.code_zh), 2500);
        return `${zhSpec}\n\n${rng.pick([`请用${lang}实现，并附上单元测试。`, `用${lang}写出解法，并简要说明时间复杂度。`, `请给出${lang}代码。`])}`;
      }
      const spec = rng.pick(data.pools.code_en);
      return `${truncate(spec, 2500)}\n\n${rng.pick([`Implement this in ${lang}.`, `Write an idiomatic ${lang} solution with unit tests.`, `Solve in ${lang}; explain the time complexity briefly.`, `${lang} please, production quality.`])}`;
    }
    case 'agent_step': {
      const repo = rng.pick(REPOS);
      const h = rng.pick(data.humanEval);
      return `You are an autonomous coding agent working in the repository ${repo}. Available actions: read_file(path), edit_file(path, old, new), run_tests(pattern), finish(summary). Respond with exactly one JSON action.\n\nIssue: ${rng.pick(ISSUES)}\n\nObservation (read_file src/${h.entry}.py):\n${h.prompt}${mutate(rng, h.solution)}\nObservation (run_tests): ${rng.int(1, 6)} failed, ${rng.int(10, 120)} passed`;
    }
    case 'computer_use': {
      const app = rng.pick(APPS);
      const els = Array.from(
        { length: rng.int(5, 9) },
        (_, i) =>
          `[${i + 1}] ${rng.pick(['button', 'link', 'textbox', 'checkbox', 'menuitem', 'row'])} "${rng.pick(['Save', 'Next', 'Search', 'Inbox', 'Settings', 'Apply', 'Cancel', 'Export', 'Security', 'Column C'])}"`,
      );
      return `You control a computer. Screen: ${app} window, ${rng.int(1280, 2560)}x${rng.int(720, 1440)}.\nAccessibility tree:\n${els.join('\n')}\n\nGoal: ${rng.pick(GOALS)}\nPrevious actions: ${rng.int(0, 6)}\nOutput the next action as JSON: {"action": "click"|"type"|"scroll"|"key", "target": <id>, "text"?: string}.`;
    }
    case 'data_analysis': {
      const d = rng.pick(data.dataAnalysis);
      return `File: ${d.file}\n\`\`\`\n${csvHead(rng, `${d.question} ${d.constraints}`)}\n...\n\`\`\`\nQuestion: ${d.question}\nConstraints: ${d.constraints}\nAnswer format: ${d.format}\nWrite the pandas code and give the final answer in the required format.`;
    }
    case 'vision':
      return `<image_1>\n[photo of ${rng.pick(SCENES)}, ${rng.int(640, 4032)}x${rng.int(480, 3024)}]\n\nDetect all ${rng.pick(OBJECTS)} in image_1. Return a JSON list of {"label", "bbox": [x0, y0, x1, y1], "confidence"} in pixel coordinates.`;
    case 'orchestrate': {
      const task = toolTask(rng, rng.pick(TOOLS));
      return `You are the planner in a multi-agent system with workers: researcher, coder, reviewer, executor. Break the user task into subtasks, assign each to a worker, and state dependencies. Output JSON {"steps": [{"id", "worker", "instruction", "depends_on"}]}.\n\nUser task: ${task}`;
    }
    default: {
      const tables = rng.sample(
        [
          'users(id, country, created_at, plan)',
          'orders(id, user_id, total, created_at, status)',
          'events(user_id, name, ts, props)',
          'products(id, category, price)',
          'order_items(order_id, product_id, qty)',
        ],
        rng.int(2, 4),
      );
      return `Schema:\n${tables.join('\n')}\n\nWrite a SQL query (PostgreSQL) for: ${toolTask(rng, TOOLS.find((t) => t.name === 'query_database') ?? rng.pick(TOOLS))}\nReturn only SQL.`;
    }
  }
}
