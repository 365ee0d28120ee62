/** Tool definitions and task templates for function-calling prompts (written for this generator). */
import type { Rng } from '../lib/rng.js';
import { fillSlots } from './fill.js';

export interface ToolParam {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'array';
  description: string;
  enum?: string[];
  required?: boolean;
}
export interface Tool {
  name: string;
  description: string;
  params: ToolParam[];
  domain: string;
  tasks: string[];
}

/** Chinese task phrasings per tool name (slots as in the English tasks). */
const TASKS_ZH: Record<string, string[]> = {
  get_weather: ['{city}{day}会下雨吗？', '帮我查一下{city}{date}的天气。'],
  search_flights: ['帮我找{date}从{city}飞{city2}的航班，要{cabin}。', '{city}到{city2}往返最便宜的机票是多少？'],
  book_hotel: ['帮我订{city}的酒店，{date}入住，住{n}晚，每晚不超过{price}。'],
  create_calendar_event: ['帮我约{person}在{date}{hour}点开个会，讨论{project}。'],
  send_email: ['给{person}发邮件，说{project}的上线时间改到{date}。'],
  query_database: ['统计一下{month}每个国家的新注册用户数。', '上个季度各品类的销售额是多少？'],
  lookup_order: ['我的订单{order}到哪了？'],
  issue_refund: ['订单{order}重复扣款了，请退款{price}元。'],
  search_products: ['找一款{price}元以内、评价好的{product}。'],
  get_directions: ['从{place}坐公共交通到{place2}怎么走？'],
};

const p = (name: string, type: ToolParam['type'], description: string, extra: Partial<ToolParam> = {}): ToolParam => ({
  name,
  type,
  description,
  required: true,
  ...extra,
});

export const TOOLS: Tool[] = [
  {
    name: 'get_weather',
    domain: 'travel',
    description: 'Get the weather forecast for a city on a date.',
    params: [
      p('city', 'string', 'City name'),
      p('date', 'string', 'ISO date'),
      p('units', 'string', 'Units', { enum: ['metric', 'imperial'], required: false }),
    ],
    tasks: [
      'Will it rain in {city} on {date}?',
      'Do I need a jacket in {city} {day}?',
      "What's the forecast for {city} this {day}, in {units}?",
    ],
  },
  {
    name: 'search_flights',
    domain: 'travel',
    description: 'Search flights between two airports.',
    params: [
      p('origin', 'string', 'IATA code'),
      p('destination', 'string', 'IATA code'),
      p('depart_date', 'string', 'ISO date'),
      p('return_date', 'string', 'ISO date', { required: false }),
      p('cabin', 'string', 'Cabin class', { enum: ['economy', 'premium', 'business'], required: false }),
    ],
    tasks: [
      'Find me a flight from {city} to {city2} on {date}, {cabin} please.',
      'Cheapest round trip {city} to {city2}, leaving {date} and back a week later?',
      'I need to be in {city2} by the morning of {date}. What can I fly from {city}?',
    ],
  },
  {
    name: 'book_hotel',
    domain: 'travel',
    description: 'Book a hotel room.',
    params: [
      p('city', 'string', 'City'),
      p('check_in', 'string', 'ISO date'),
      p('nights', 'integer', 'Number of nights'),
      p('guests', 'integer', 'Guests'),
      p('max_price', 'number', 'Max price per night', { required: false }),
    ],
    tasks: [
      'Book a hotel in {city} for {n} nights from {date}, under {price} a night.',
      'Need a room for {n2} people in {city} starting {date}.',
    ],
  },
  {
    name: 'create_calendar_event',
    domain: 'productivity',
    description: 'Create an event in the user calendar.',
    params: [
      p('title', 'string', 'Title'),
      p('start', 'string', 'ISO datetime'),
      p('duration_min', 'integer', 'Duration in minutes'),
      p('attendees', 'array', 'Email addresses', { required: false }),
    ],
    tasks: [
      'Set up a {n}0-minute sync with {person} on {date} at {hour}:00 about {project}.',
      'Put "{project} review" on my calendar {day} afternoon and invite {person}.',
    ],
  },
  {
    name: 'send_email',
    domain: 'productivity',
    description: 'Send an email.',
    params: [p('to', 'array', 'Recipients'), p('subject', 'string', 'Subject'), p('body', 'string', 'Body')],
    tasks: [
      'Email {person} that the {project} launch moves to {date}.',
      'Send a polite reminder to {person} about the overdue invoice #{num}.',
    ],
  },
  {
    name: 'query_database',
    domain: 'data',
    description: 'Run a read-only SQL query against the analytics warehouse.',
    params: [
      p('sql', 'string', 'SQL query'),
      p('database', 'string', 'Database name', { enum: ['sales', 'users', 'events'] }),
    ],
    tasks: [
      'How many new users signed up in {month} by country?',
      'What were total sales per product category last quarter?',
      'Which {n} customers spent the most in {month}?',
    ],
  },
  {
    name: 'search_web',
    domain: 'research',
    description: 'Search the web.',
    params: [p('query', 'string', 'Query'), p('num_results', 'integer', 'Results', { required: false })],
    tasks: [
      'Who won the {event} and by how much?',
      'Find recent reviews of the {product}.',
      'What is the population of {city} now?',
    ],
  },
  {
    name: 'get_stock_price',
    domain: 'finance',
    description: 'Get a closing price for a ticker.',
    params: [p('ticker', 'string', 'Ticker'), p('date', 'string', 'ISO date', { required: false })],
    tasks: ['What did {ticker} close at on {date}?', 'Compare {ticker} and {ticker2} over the last week.'],
  },
  {
    name: 'convert_currency',
    domain: 'finance',
    description: 'Convert an amount between currencies.',
    params: [p('amount', 'number', 'Amount'), p('from', 'string', 'ISO code'), p('to', 'string', 'ISO code')],
    tasks: ['How much is {price} {cur} in {cur2}?', 'Convert my {price} {cur} budget to {cur2}.'],
  },
  {
    name: 'lookup_order',
    domain: 'support',
    description: 'Look up an order by id.',
    params: [p('order_id', 'string', 'Order id')],
    tasks: ['Where is my order {order}?', 'Order {order} arrived damaged, what are my options?'],
  },
  {
    name: 'issue_refund',
    domain: 'support',
    description: 'Refund an order fully or partially.',
    params: [p('order_id', 'string', 'Order id'), p('amount', 'number', 'Amount'), p('reason', 'string', 'Reason')],
    tasks: [
      'Refund {price} on order {order}, the customer was double charged.',
      'Customer wants a full refund for {order}: item never arrived.',
    ],
  },
  {
    name: 'create_ticket',
    domain: 'engineering',
    description: 'Create an issue in the tracker.',
    params: [
      p('project', 'string', 'Project key'),
      p('title', 'string', 'Title'),
      p('priority', 'string', 'Priority', { enum: ['P0', 'P1', 'P2', 'P3'] }),
    ],
    tasks: [
      'File a {prio} bug in {proj}: login fails on Safari after the {month} release.',
      'Open a ticket for {person} to upgrade the {lib} dependency.',
    ],
  },
  {
    name: 'run_shell',
    domain: 'engineering',
    description: 'Run a shell command in the sandbox.',
    params: [p('command', 'string', 'Command'), p('timeout_sec', 'integer', 'Timeout', { required: false })],
    tasks: [
      'Check disk usage on the build box and clean the docker cache if it is over 80%.',
      'Run the test suite for {lib} and tell me what fails.',
    ],
  },
  {
    name: 'get_directions',
    domain: 'maps',
    description: 'Directions between two places.',
    params: [
      p('origin', 'string', 'Origin'),
      p('destination', 'string', 'Destination'),
      p('mode', 'string', 'Mode', { enum: ['driving', 'transit', 'walking'] }),
    ],
    tasks: ['How do I get from {place} to {place2} by transit?', 'Walking time from {place} to {place2}?'],
  },
  {
    name: 'search_products',
    domain: 'commerce',
    description: 'Search the product catalog.',
    params: [p('query', 'string', 'Query'), p('max_price', 'number', 'Max price', { required: false })],
    tasks: ['Find a {product} under {price} with good reviews.', 'Show me {product}s that ship to {city} by {date}.'],
  },
];

const V: Record<string, string[]> = {
  city: [
    'Berlin',
    'Osaka',
    'Lagos',
    'Lima',
    'Denver',
    'Hanoi',
    'Lyon',
    'Toronto',
    'Chengdu',
    'Porto',
    'Nairobi',
    'Seoul',
  ],
  date: ['2026-03-14', 'next Friday', 'March 3', 'the 21st', 'tomorrow', '2026-05-02', 'June 9'],
  day: ['Saturday', 'Monday', 'tomorrow', 'this weekend', 'Thursday'],
  units: ['Celsius', 'Fahrenheit'],
  cabin: ['economy', 'business', 'premium economy'],
  person: ['Dana', 'Kenji', 'Fatima', 'Luis', 'the finance team', 'Priya', 'Marco'],
  project: ['Atlas', 'Q3 roadmap', 'onboarding revamp', 'billing migration', 'Orion'],
  month: ['January', 'February', 'March', 'last month', 'October'],
  event: ['Tour de France 2025', 'last night’s derby', 'the 2024 Booker Prize'],
  product: ['standing desk', 'mechanical keyboard', 'espresso grinder', 'rain jacket', 'baby monitor', 'USB-C hub'],
  ticker: ['AAPL', 'NVDA', 'TSLA', 'SAP', 'TSM', 'BABA'],
  cur: ['EUR', 'USD', 'JPY', 'GBP', 'CNY'],
  prio: ['P1', 'P2', 'P0'],
  proj: ['WEB', 'CORE', 'PAY', 'MOB'],
  lib: ['pydantic', 'react-router', 'openssl', 'log4j', 'numpy'],
  place: ['the central station', 'the airport', 'City Hall', 'the university campus', 'Pier 39'],
};

export function toolTask(rng: Rng, tool: Tool, zh = false): string {
  const pick = (k: string) => rng.pick(V[k] ?? ['x']);
  const zhTasks = zh ? TASKS_ZH[tool.name] : undefined;
  return fillSlots(rng.pick(zhTasks ?? tool.tasks), {
    city: pick('city'),
    city2: pick('city'),
    date: pick('date'),
    day: pick('day'),
    units: pick('units'),
    cabin: pick('cabin'),
    person: pick('person'),
    project: pick('project'),
    month: pick('month'),
    event: pick('event'),
    product: pick('product'),
    ticker: pick('ticker'),
    ticker2: pick('ticker'),
    cur: pick('cur'),
    cur2: pick('cur'),
    prio: pick('prio'),
    proj: pick('proj'),
    lib: pick('lib'),
    place: pick('place'),
    place2: pick('place'),
    n: rng.int(2, 6),
    n2: rng.int(2, 4),
    hour: rng.int(9, 17),
    price: rng.int(20, 400),
    num: rng.int(1000, 9999),
    order: `#${rng.int(100000, 999999)}`,
  });
}

export function renderTools(rng: Rng, tools: Tool[], format: 'json' | 'xml' | 'ts'): string {
  if (format === 'json') {
    const defs = tools.map((t) => ({
      type: 'function',
      function: {
        name: t.name,
        description: t.description,
        parameters: {
          type: 'object',
          properties: Object.fromEntries(
            t.params.map((x) => [
              x.name,
              { type: x.type, description: x.description, ...(x.enum ? { enum: x.enum } : {}) },
            ]),
          ),
          required: t.params.filter((x) => x.required).map((x) => x.name),
        },
      },
    }));
    return JSON.stringify(defs, null, rng.chance(0.5) ? 2 : undefined);
  }
  if (format === 'xml') {
    return `<tools>\n${tools
      .map(
        (t) =>
          `<tool name="${t.name}">\n  <description>${t.description}</description>\n${t.params
            .map(
              (x) =>
                `  <param name="${x.name}" type="${x.type}"${x.required ? ' required="true"' : ''}>${x.description}</param>`,
            )
            .join('\n')}\n</tool>`,
      )
      .join('\n')}\n</tools>`;
  }
  return `namespace functions {\n${tools
    .map(
      (t) =>
        `// ${t.description}\ntype ${t.name} = (_: {\n${t.params
          .map(
            (x) =>
              `  ${x.name}${x.required ? '' : '?'}: ${x.type === 'integer' ? 'number' : x.type === 'array' ? 'string[]' : x.type},`,
          )
          .join('\n')}\n}) => any;`,
    )
    .join('\n\n')}\n}`;
}

const ARG_VALUES: Record<string, string[]> = {
  city: V.city ?? [],
  origin: ['BER', 'KIX', 'LOS', 'LIM', 'DEN', 'YYZ'],
  destination: ['HAN', 'LYS', 'OPO', 'NBO', 'ICN', 'CTU'],
  depart_date: ['2026-03-14', '2026-04-02', '2026-05-20'],
  date: ['2026-03-14', '2026-02-27', '2026-04-09'],
  check_in: ['2026-03-14', '2026-04-02'],
  start: ['2026-03-03T10:00:00', '2026-03-05T15:30:00'],
  title: ['Atlas sync', 'Q3 roadmap review', 'Vendor call'],
  subject: ['Launch date update', 'Invoice reminder'],
  body: ['Hi, quick update on the timeline.', 'Friendly reminder about the invoice below.'],
  sql: [
    "SELECT country, COUNT(*) FROM users WHERE created_at >= '2026-03-01' GROUP BY country",
    'SELECT category, SUM(total) FROM orders JOIN products USING (id) GROUP BY category',
  ],
  database: ['users', 'sales', 'events'],
  query: ['standing desk reviews 2026', 'population of Osaka'],
  ticker: V.ticker ?? [],
  from: ['EUR', 'USD'],
  to: ['JPY', 'GBP'],
  order_id: ['#483920', '#771204', '#100283'],
  reason: ['double charge', 'item not received'],
  project: ['WEB', 'PAY'],
  priority: ['P1', 'P2'],
  command: ['df -h', 'pytest -q', 'docker system prune -f'],
  mode: ['transit', 'walking'],
};

export function argValue(rng: Rng, param: ToolParam): string | number {
  if (param.enum) return rng.pick(param.enum);
  if (param.type === 'integer') return rng.int(1, 9);
  if (param.type === 'number') return rng.int(20, 400);
  const vals = ARG_VALUES[param.name];
  return vals && vals.length ? rng.pick(vals) : rng.pick(V.city ?? ['x']);
}
