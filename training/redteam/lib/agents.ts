/** User-agent strings seen at an LLM gateway: SDKs, HTTP libraries, browsers, mobile apps, agents, eval tools. */
import type { Rng } from './rng.js';

const CHROME_OS = [
  'Windows NT 10.0; Win64; x64',
  'Macintosh; Intel Mac OS X 10_15_7',
  'X11; Linux x86_64',
  'Windows NT 10.0; WOW64',
];

export function browserUa(rng: Rng): string {
  const kind = rng.weighted([
    ['chrome', 6],
    ['safari', 2],
    ['firefox', 1.5],
    ['edge', 1],
  ] as const);
  const os = rng.pick(CHROME_OS);
  const major = rng.int(118, 133);
  switch (kind) {
    case 'chrome':
      return `Mozilla/5.0 (${os}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${major}.0.0.0 Safari/537.36`;
    case 'edge':
      return `Mozilla/5.0 (${os}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${major}.0.0.0 Safari/537.36 Edg/${major}.0.${rng.int(1000, 2900)}.${rng.int(10, 99)}`;
    case 'firefox':
      return `Mozilla/5.0 (${os}; rv:${major - 2}.0) Gecko/20100101 Firefox/${major - 2}.0`;
    default:
      return `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${rng.int(16, 18)}.${rng.int(0, 6)} Safari/605.1.15`;
  }
}

export function sdkUa(rng: Rng): string {
  return rng.weighted([
    [`frontier-python/1.${rng.int(30, 62)}.${rng.int(0, 9)}`, 5],
    [`frontier-node/4.${rng.int(40, 80)}.${rng.int(0, 5)}`, 3],
    [`python-requests/2.${rng.int(28, 32)}.${rng.int(0, 3)}`, 2],
    [`python-httpx/0.${rng.int(24, 28)}.${rng.int(0, 2)}`, 2],
    [`axios/1.${rng.int(5, 8)}.${rng.int(0, 9)}`, 1],
    [`Go-http-client/2.0`, 1],
    [`curl/8.${rng.int(1, 11)}.${rng.int(0, 1)}`, 0.7],
    [`langchain-frontier/0.${rng.int(1, 3)}.${rng.int(0, 20)} frontier-python/1.${rng.int(30, 62)}.0`, 1],
    [`litellm/1.${rng.int(40, 70)}.${rng.int(0, 20)}`, 0.8],
    [`frontier-java/2.${rng.int(0, 9)}.${rng.int(0, 4)}`, 0.4],
  ] as const);
}

export function mobileUa(rng: Rng): string {
  const v = `${rng.int(3, 4)}.${rng.int(0, 19)}.${rng.int(0, 5)}`;
  return rng.chance(0.55)
    ? `FrontierChat/${v} (iPhone; iOS ${rng.int(16, 18)}.${rng.int(0, 6)}; Scale/3.00)`
    : `FrontierChat/${v} (Android ${rng.int(12, 15)}; ${rng.pick(['Pixel 8', 'SM-S918B', 'SM-A546E', '2311DRK48C', 'CPH2581', 'V2254A'])}) okhttp/4.12.0`;
}

export function agentUa(rng: Rng): string {
  return rng.weighted([
    [
      `codeagent-cli/1.${rng.int(2, 9)}.${rng.int(0, 30)} (node ${rng.int(18, 22)}.${rng.int(0, 12)}.0; ${rng.pick(['darwin arm64', 'linux x64', 'win32 x64'])})`,
      4,
    ],
    [`agentkit/0.${rng.int(6, 12)}.${rng.int(0, 9)} python/3.${rng.int(10, 13)}`, 2],
    [`ide-assist/${rng.int(1, 2)}.${rng.int(0, 40)}.${rng.int(0, 9)} (vscode ${rng.int(1, 1)}.${rng.int(88, 97)})`, 2],
    [`frontier-python/1.${rng.int(30, 62)}.${rng.int(0, 9)} toolrunner/0.${rng.int(1, 5)}`, 1],
  ] as const);
}

export function evalUa(rng: Rng): string {
  return rng.weighted([
    [`lm-eval-harness/0.4.${rng.int(2, 8)} python-httpx/0.27.0`, 2],
    [`inspect-eval/0.3.${rng.int(30, 90)} frontier-python/1.${rng.int(40, 62)}.0`, 2],
    [`evalrunner/${rng.int(1, 3)}.${rng.int(0, 12)} (internal) python-requests/2.31.0`, 2],
    [`ragas/0.${rng.int(1, 2)}.${rng.int(0, 20)} langchain-frontier/0.2.${rng.int(0, 10)}`, 1],
    [`promptfoo/0.${rng.int(80, 110)}.${rng.int(0, 9)} node/${rng.int(18, 22)}`, 1],
  ] as const);
}

export function scriptUa(rng: Rng): string {
  return rng.pick([
    'python-requests/2.31.0',
    'python-requests/2.32.3',
    'python-httpx/0.27.0',
    'aiohttp/3.9.5',
    'aiohttp/3.10.10',
    'Go-http-client/1.1',
    'okhttp/4.12.0',
    `frontier-python/1.${rng.int(30, 62)}.${rng.int(0, 9)}`,
  ]);
}
