import { xf } from './extra-family.js';
import type { FamilySpec } from './family.js';

/**
 * benign, English and Chinese: code-completion stubs (train side only). A signature with a
 * documentation comment and examples, alone or under a one-line instruction, is the commonest
 * coding request an API sees, and the unit of agentic coding traffic. Its examples ("f(x) → y"),
 * its words ("check", "evaluate", "return True if") and its checklist-like docstrings must not
 * read as grading or reasoning extraction. Each stub is rendered in one of several languages and
 * comment styles from one function spec below: 210 distinct stubs (7 families of 30). The group's
 * target of 420 examples is filled by the generator's surface obfuscations (typos, case, spacing,
 * numbering), so about half of the examples are altered copies, against about a third elsewhere.
 * The rendered code is for its look: the examples of the typed languages keep Python literals.
 */
interface Fn {
  name: string;
  /** Parameters as `name: python type`. */
  params: [string, string][];
  ret: string;
  en: string;
  zh: string;
  call: string;
  result: string;
}

const FNS: Fn[] = [
  {
    name: 'split_bill',
    params: [
      ['total_cents', 'int'],
      ['people', 'int'],
    ],
    ret: 'list[int]',
    en: 'Split a bill into per-person amounts in cents that differ by at most one cent and add up to the total.',
    zh: '把账单金额（分）平均分给若干人，每人金额相差不超过1分，且总和等于原金额。',
    call: 'split_bill(1000, 3)',
    result: '[334, 333, 333]',
  },
  {
    name: 'parse_duration',
    params: [['text', 'str']],
    ret: 'int',
    en: 'Parse a duration such as "1h30m" or "45s" into seconds. Raise ValueError on malformed input.',
    zh: '把 "1h30m"、"45s" 这样的时长字符串解析成秒数，格式错误时抛出 ValueError。',
    call: 'parse_duration("1h30m")',
    result: '5400',
  },
  {
    name: 'mask_card_number',
    params: [['number', 'str']],
    ret: 'str',
    en: 'Keep only the last four digits of a card number and replace every other digit with "*"; spaces are kept.',
    zh: '银行卡号只保留最后四位数字，其余数字替换成 "*"，空格保持不变。',
    call: 'mask_card_number("4111 1111 1111 1234")',
    result: '"**** **** **** 1234"',
  },
  {
    name: 'week_of_month',
    params: [
      ['day', 'int'],
      ['first_weekday', 'int'],
    ],
    ret: 'int',
    en: 'Given a day of the month and the weekday (0 = Monday) of the 1st, return which calendar week row the day falls in, starting at 1.',
    zh: '给定某月的日期和当月1号是星期几（0表示周一），返回这一天位于日历的第几行（从1开始）。',
    call: 'week_of_month(10, 3)',
    result: '2',
  },
  {
    name: 'dedupe_emails',
    params: [['emails', 'list[str]']],
    ret: 'list[str]',
    en: 'Remove duplicate email addresses, comparing case-insensitively and ignoring dots in Gmail local parts; keep the first spelling seen.',
    zh: '去除重复的邮箱地址：比较时不区分大小写，Gmail 地址忽略用户名中的点，保留第一次出现的写法。',
    call: 'dedupe_emails(["A.b@gmail.com", "ab@gmail.com", "x@y.org"])',
    result: '["A.b@gmail.com", "x@y.org"]',
  },
  {
    name: 'moving_average',
    params: [
      ['values', 'list[float]'],
      ['window', 'int'],
    ],
    ret: 'list[float]',
    en: 'Return the simple moving average of values over the given window; the first window-1 positions are omitted.',
    zh: '返回 values 在给定窗口上的简单移动平均，前 window-1 个位置不输出。',
    call: 'moving_average([2, 4, 6, 8], 2)',
    result: '[3.0, 5.0, 7.0]',
  },
  {
    name: 'slugify',
    params: [['title', 'str']],
    ret: 'str',
    en: 'Turn a title into a URL slug: lowercase ASCII letters and digits joined by single hyphens.',
    zh: '把标题转换成 URL slug：只保留小写字母和数字，单词之间用一个连字符连接。',
    call: 'slugify("Hello, World! 2024")',
    result: '"hello-world-2024"',
  },
  {
    name: 'bucket_ages',
    params: [['ages', 'list[int]']],
    ret: 'dict[str, int]',
    en: 'Count ages into the buckets "0-17", "18-64" and "65+".',
    zh: '统计年龄分别落在 "0-17"、"18-64"、"65+" 三个区间的人数。',
    call: 'bucket_ages([5, 30, 70, 64])',
    result: "{'0-17': 1, '18-64': 2, '65+': 1}",
  },
  {
    name: 'next_business_day',
    params: [
      ['d', 'date'],
      ['holidays', 'set[date]'],
    ],
    ret: 'date',
    en: 'Return the first day after d that is neither a weekend day nor in holidays.',
    zh: '返回 d 之后第一个既不是周末也不在 holidays 中的日期。',
    call: 'next_business_day(date(2024, 5, 3), set())',
    result: 'datetime.date(2024, 5, 6)',
  },
  {
    name: 'wrap_text',
    params: [
      ['text', 'str'],
      ['width', 'int'],
    ],
    ret: 'list[str]',
    en: 'Break text into lines of at most width characters without splitting words; a word longer than width gets its own line.',
    zh: '把文本按不超过 width 个字符折行，不拆开单词；比 width 还长的单词单独占一行。',
    call: 'wrap_text("the quick brown fox", 10)',
    result: '["the quick", "brown fox"]',
  },
  {
    name: 'valid_isbn10',
    params: [['code', 'str']],
    ret: 'bool',
    en: 'Check an ISBN-10 code: nine digits and a final digit or "X", with the weighted checksum divisible by 11. Hyphens are ignored.',
    zh: '校验 ISBN-10：九位数字加一位数字或 "X"，加权校验和能被11整除；忽略连字符。',
    call: 'valid_isbn10("0-306-40615-2")',
    result: 'True',
  },
  {
    name: 'merge_config',
    params: [
      ['base', 'dict'],
      ['override', 'dict'],
    ],
    ret: 'dict',
    en: 'Deep-merge override into a copy of base: nested dicts are merged, other values replaced. Neither input is modified.',
    zh: '把 override 深度合并到 base 的副本中：嵌套字典递归合并，其他值直接覆盖；不修改两个输入。',
    call: "merge_config({'a': {'x': 1}}, {'a': {'y': 2}})",
    result: "{'a': {'x': 1, 'y': 2}}",
  },
  {
    name: 'longest_streak',
    params: [['days', 'list[bool]']],
    ret: 'int',
    en: 'Return the length of the longest run of consecutive True values.',
    zh: '返回列表中连续 True 的最长长度。',
    call: 'longest_streak([True, True, False, True, True, True])',
    result: '3',
  },
  {
    name: 'format_bytes',
    params: [['n', 'int']],
    ret: 'str',
    en: 'Format a byte count with one decimal and the largest unit among B, KB, MB, GB, TB that keeps the number at least 1 (1 KB = 1024 B).',
    zh: '把字节数格式化为保留一位小数的字符串，使用 B、KB、MB、GB、TB 中能让数值不小于1的最大单位（1 KB = 1024 B）。',
    call: 'format_bytes(1536)',
    result: '"1.5 KB"',
  },
  {
    name: 'group_anagrams_by_key',
    params: [['words', 'list[str]']],
    ret: 'dict[str, list[str]]',
    en: 'Group words by their sorted letters, keeping the input order inside each group.',
    zh: '按字母排序后的结果给单词分组，组内保持输入顺序。',
    call: 'group_anagrams_by_key(["tea", "eat", "tan"])',
    result: "{'aet': ['tea', 'eat'], 'ant': ['tan']}",
  },
  {
    name: 'clamp_brightness',
    params: [
      ['pixels', 'list[int]'],
      ['low', 'int'],
      ['high', 'int'],
    ],
    ret: 'list[int]',
    en: 'Clamp every pixel value into [low, high].',
    zh: '把每个像素值限制在 [low, high] 区间内。',
    call: 'clamp_brightness([-5, 120, 300], 0, 255)',
    result: '[0, 120, 255]',
  },
  {
    name: 'route_length',
    params: [['points', 'list[tuple[float, float]]']],
    ret: 'float',
    en: 'Return the total length of the polyline through the points, in the same units as the coordinates.',
    zh: '返回依次经过这些点的折线总长度，单位与坐标相同。',
    call: 'route_length([(0, 0), (3, 4), (3, 0)])',
    result: '9.0',
  },
  {
    name: 'invoice_total',
    params: [
      ['lines', 'list[tuple[int, int]]'],
      ['tax_rate', 'float'],
    ],
    ret: 'int',
    en: 'Each line is (quantity, unit price in cents). Return the total in cents with tax applied, rounded half up.',
    zh: '每一行是（数量，单价/分），返回含税总额（分），四舍五入。',
    call: 'invoice_total([(2, 250), (1, 100)], 0.1)',
    result: '660',
  },
  {
    name: 'compress_runs',
    params: [['s', 'str']],
    ret: 'str',
    en: 'Run-length encode s, writing the count only for runs longer than one character.',
    zh: '对字符串做游程编码，只有连续出现超过一次的字符才写出次数。',
    call: 'compress_runs("aaabccdddd")',
    result: '"a3bc2d4"',
  },
  {
    name: 'seat_map',
    params: [
      ['rows', 'int'],
      ['taken', 'set[str]'],
    ],
    ret: 'list[str]',
    en: 'Return one string per row for seats A to F, with "." for a free seat and "x" for a seat in taken (seat ids like "3C").',
    zh: '返回每排 A 到 F 座位的字符串，空座用 "."，已被占用（座位号如 "3C"）用 "x"。',
    call: 'seat_map(2, {"1A", "2F"})',
    result: '["x.....", ".....x"]',
  },
  {
    name: 'retry_delays',
    params: [
      ['attempts', 'int'],
      ['base_ms', 'int'],
      ['cap_ms', 'int'],
    ],
    ret: 'list[int]',
    en: 'Return exponential backoff delays base_ms * 2**i for each attempt, each capped at cap_ms.',
    zh: '返回每次重试的指数退避延迟 base_ms * 2**i，每个值不超过 cap_ms。',
    call: 'retry_delays(5, 100, 1000)',
    result: '[100, 200, 400, 800, 1000]',
  },
  {
    name: 'top_words',
    params: [
      ['text', 'str'],
      ['k', 'int'],
    ],
    ret: 'list[tuple[str, int]]',
    en: 'Return the k most frequent lowercase words with their counts, ties broken alphabetically.',
    zh: '返回出现次数最多的 k 个小写单词及其次数，次数相同按字母顺序排列。',
    call: 'top_words("b a b c a b", 2)',
    result: "[('b', 3), ('a', 2)]",
  },
  {
    name: 'normalize_phone',
    params: [
      ['raw', 'str'],
      ['country_code', 'str'],
    ],
    ret: 'str',
    en: 'Normalize a phone number to E.164: strip spaces, dashes and brackets, drop a leading 0 and prefix the country code.',
    zh: '把电话号码规范成 E.164 格式：去掉空格、横线和括号，去掉开头的0，并加上国家代码。',
    call: 'normalize_phone("(020) 7946-0958", "44")',
    result: '"+442079460958"',
  },
  {
    name: 'overlapping_bookings',
    params: [['bookings', 'list[tuple[int, int]]']],
    ret: 'list[int]',
    en: 'Return the indexes of bookings (start, end) that overlap any other booking; touching ends do not overlap.',
    zh: '返回与其他预订有时间重叠的预订下标，预订为（开始, 结束），首尾相接不算重叠。',
    call: 'overlapping_bookings([(1, 3), (2, 5), (5, 6)])',
    result: '[0, 1]',
  },
  {
    name: 'celsius_table',
    params: [
      ['start', 'int'],
      ['stop', 'int'],
      ['step', 'int'],
    ],
    ret: 'list[str]',
    en: 'Return lines "C°C = F°F" for Celsius values from start to stop inclusive, Fahrenheit with one decimal.',
    zh: '返回从 start 到 stop（含）每隔 step 的摄氏度对应华氏度的行，格式 "C°C = F°F"，华氏度保留一位小数。',
    call: 'celsius_table(0, 10, 10)',
    result: '["0°C = 32.0°F", "10°C = 50.0°F"]',
  },
  {
    name: 'inventory_after',
    params: [
      ['stock', 'dict[str, int]'],
      ['orders', 'list[tuple[str, int]]'],
    ],
    ret: 'dict[str, int]',
    en: 'Apply orders (sku, quantity) to stock and return the new stock; an order for more than is left is skipped.',
    zh: '把订单（sku, 数量）依次从库存中扣减并返回新库存；库存不足的订单跳过。',
    call: "inventory_after({'pen': 3}, [('pen', 2), ('pen', 2)])",
    result: "{'pen': 1}",
  },
  {
    name: 'camel_to_snake',
    params: [['name', 'str']],
    ret: 'str',
    en: 'Convert a camelCase or PascalCase identifier to snake_case, keeping acronyms together.',
    zh: '把 camelCase 或 PascalCase 标识符转换为 snake_case，连续大写的缩写保持在一起。',
    call: 'camel_to_snake("parseHTTPResponse")',
    result: '"parse_http_response"',
  },
  {
    name: 'percent_change',
    params: [
      ['old', 'float'],
      ['new', 'float'],
    ],
    ret: 'str',
    en: 'Return the change from old to new as a signed percentage string with one decimal; "n/a" when old is 0.',
    zh: '返回从 old 到 new 的变化百分比字符串（带正负号，一位小数）；old 为0时返回 "n/a"。',
    call: 'percent_change(80, 100)',
    result: '"+25.0%"',
  },
  {
    name: 'shortest_path_len',
    params: [['grid', 'list[str]']],
    ret: 'int',
    en: 'Grid rows use "." for open cells and "#" for walls. Return the number of steps from the top-left to the bottom-right cell moving in four directions, or -1 if unreachable.',
    zh: '网格中 "." 表示可走，"#" 表示墙。返回从左上角走到右下角（上下左右移动）的最少步数，无法到达返回 -1。',
    call: 'shortest_path_len(["..", "#."])',
    result: '2',
  },
  {
    name: 'redact_secrets',
    params: [['line', 'str']],
    ret: 'str',
    en: 'Replace the value of any key=value pair whose key contains "token", "secret" or "password" (any case) with "***".',
    zh: '把 key=value 中键名包含 "token"、"secret" 或 "password"（不区分大小写）的值替换为 "***"。',
    call: 'redact_secrets("user=ann api_token=abc123")',
    result: '"user=ann api_token=***"',
  },
];

const TS_TYPE: Record<string, string> = {
  int: 'number',
  float: 'number',
  str: 'string',
  bool: 'boolean',
  date: 'Date',
  dict: 'Record<string, unknown>',
};
const tsType = (t: string): string =>
  TS_TYPE[t] ??
  (t.startsWith('list[')
    ? `${tsType(t.slice(5, -1).split(',')[0] as string)}[]`
    : t.startsWith('dict[')
      ? 'Record<string, number>'
      : t.startsWith('set[')
        ? 'Set<string>'
        : 'unknown');
const camel = (s: string): string => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const sig = (f: Fn): string => f.params.map(([n, t]) => `${n}: ${t}`).join(', ');

function pyDoctest(f: Fn, doc: string): string {
  return `def ${f.name}(${sig(f)}) -> ${f.ret}:\n    """${doc}\n\n    >>> ${f.call}\n    ${f.result}\n    """\n`;
}
function pyGoogle(f: Fn, doc: string, zh: boolean): string {
  const args = f.params.map(([n, t]) => `        ${n} (${t}): ${zh ? '见上文。' : 'see above.'}`).join('\n');
  return `def ${f.name}(${sig(f)}) -> ${f.ret}:\n    """${doc}\n\n    ${zh ? '参数' : 'Args'}:\n${args}\n\n    ${zh ? '返回' : 'Returns'}:\n        ${f.ret}\n\n    ${zh ? '示例' : 'Example'}:\n        ${f.call} == ${f.result}\n    """\n    pass\n`;
}
function tsJsdoc(f: Fn, doc: string): string {
  const ps = f.params.map(([n, t]) => `${camel(n)}: ${tsType(t)}`).join(', ');
  return `/**\n * ${doc}\n *\n * @example\n * ${camel(f.call.split('(')[0] as string)}(${f.call.slice(f.call.indexOf('(') + 1)} // => ${f.result}\n */\nexport function ${camel(f.name)}(${ps}): ${tsType(f.ret)} {\n  // TODO\n}\n`;
}
function goComment(f: Fn, doc: string): string {
  const name = camel(f.name).replace(/^./, (c) => c.toUpperCase());
  return `// ${name}: ${doc}\n//\n// Example: ${f.call} -> ${f.result}\nfunc ${name}(${f.params.map(([n]) => camel(n)).join(', ')} any) any {\n\tpanic("not implemented")\n}\n`;
}
function rustDoc(f: Fn, doc: string): string {
  return `/// ${doc}\n///\n/// # Examples\n///\n/// \`\`\`\n/// // ${f.call} == ${f.result}\n/// \`\`\`\npub fn ${f.name}(${f.params.map(([n]) => `${n}: _`).join(', ')}) -> _ {\n    todo!()\n}\n`;
}
function javaDoc(f: Fn, doc: string): string {
  return `/**\n * ${doc}\n * <p>Example: {@code ${camel(f.call)}} returns {@code ${f.result}}.\n */\npublic static Object ${camel(f.name)}(${f.params.map(([n]) => `Object ${camel(n)}`).join(', ')}) {\n    throw new UnsupportedOperationException();\n}\n`;
}

const TYPED = [tsJsdoc, goComment, rustDoc, javaDoc];
const WRAP_EN = [
  '{stub}',
  '{stub}',
  'Complete this function.\n\n{stub}',
  'Implement the body:\n```\n{stub}```',
  'Write the implementation. Keep the signature as it is.\n\n{stub}',
  'Finish this so the example holds:\n{stub}',
];
const WRAP_ZH = [
  '{stub}',
  '补全下面的函数。\n\n{stub}',
  '实现这个函数，签名不要改：\n```\n{stub}```',
  '请写出函数体，使示例成立：\n{stub}',
  '帮我把这个函数写完：\n{stub}',
];

/** Renders every function spec through `render`, each under a wrapper chosen by position. */
function stubs(render: (f: Fn, i: number) => string, wraps: string[]): string[] {
  // `{stub}` is substituted here. The rendered stub then passes through the slot filler like any
  // template, so no spec may hold a `{name}` of its own (test/training-data.test.ts checks it).
  return FNS.map((f, i) => (wraps[i % wraps.length] as string).replace('{stub}', () => render(f, i)));
}

const en = xf('stub', 'benign', 'en');
const zh = xf('stub', 'benign', 'zh');

export const X_CODE_STUBS: FamilySpec[] = [
  en(
    'python-doctest',
    stubs((f) => pyDoctest(f, f.en), WRAP_EN),
  ),
  en(
    'python-google',
    stubs((f) => pyGoogle(f, f.en, false), WRAP_EN.slice(2)),
  ),
  en(
    'typed-languages',
    stubs((f, i) => (TYPED[i % TYPED.length] as (f: Fn, d: string) => string)(f, f.en), WRAP_EN),
  ),
  zh(
    'python-doctest',
    stubs((f) => pyDoctest(f, f.zh), WRAP_ZH),
  ),
  zh(
    'python-google',
    stubs((f) => pyGoogle(f, f.zh, true), WRAP_ZH),
  ),
  zh(
    'typed-languages',
    stubs((f, i) => (TYPED[(i + 1) % TYPED.length] as (f: Fn, d: string) => string)(f, f.zh), WRAP_ZH),
  ),
  zh(
    'english-doc',
    stubs((f) => pyDoctest(f, f.en), WRAP_ZH.slice(1)),
  ),
];
