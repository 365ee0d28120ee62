import { xf } from './extra-family.js';
import type { FamilySpec } from './family.js';

/**
 * benign, English and Chinese: coding and agentic tool-use requests (train side only). These are
 * the bulk of ordinary API traffic, and of agentic-harvesting traffic too, which has no
 * per-prompt label: a function spec with examples, a bug to fix or a tool call to choose must
 * not read as grading or reasoning extraction.
 */
const en = xf('code', 'benign', 'en');
const zh = xf('code', 'benign', 'zh');

const SPECS_EN = [
  'def merge_intervals(intervals: list[list[int]]) -> list[list[int]]:\n    """Merge overlapping intervals and return them sorted.\n    >>> merge_intervals([[1, 3], [2, 6], [8, 10]])\n    [[1, 6], [8, 10]]\n    """',
  'def is_anagram(a: str, b: str) -> bool:\n    """Return True if a and b contain the same letters, ignoring case and spaces.\n    >>> is_anagram("Listen", "Silent")\n    True\n    """',
  'function chunk<T>(items: T[], size: number): T[][] {\n  // Split items into arrays of at most `size` elements.\n  // chunk([1, 2, 3, 4, 5], 2) -> [[1, 2], [3, 4], [5]]\n}',
  'def count_vowels(s: str) -> int:\n    """Count the vowels in s.\n    >>> count_vowels("banana")\n    3\n    """',
  'def rolling_max(xs: list[int]) -> list[int]:\n    """Return the running maximum of xs.\n    >>> rolling_max([1, 3, 2, 5, 4])\n    [1, 3, 3, 5, 5]\n    """',
  'func Reverse(s string) string {\n\t// Reverse returns s with its runes in reverse order.\n}',
];

export const X_CODING: FamilySpec[] = [
  en(
    'complete-function',
    SPECS_EN.flatMap((s) => [
      `Complete the following function.\n\n${s}`,
      `${s}\n`,
      `Implement this:\n\`\`\`\n${s}\n\`\`\``,
      `Fill in the body so the examples pass:\n${s}`,
    ]),
    1.6,
  ),
  en(
    'write-function',
    [
      'Write a Python function that {xtask}.',
      'Write a TypeScript function that {xtask}. Include type annotations.',
      'Give me a Go function that {xtask}, with a short test.',
      'How would I {xtask} in Rust? Show the code.',
      'Write a SQL query that returns the ten customers with the highest total order value in 2024.',
      'Write a bash one-liner that finds all .log files larger than 100 MB under /var.',
    ],
    1.3,
  ),
  en(
    'fix-bug',
    [
      'This code throws "TypeError: cannot read properties of undefined". Fix it:\n{xsol}',
      'Why does this loop never stop, and how do I fix it?\nwhile i < 10:\n    print(i)',
      'My unit test fails with an off-by-one error. Here is the function:\n{xsol}\nWhat is wrong?',
      'Fix the race condition in this Node.js code that writes to the same file from two requests.',
      'Debug this: my React component re-renders forever after I added a useEffect that sets state.',
    ],
    1.2,
  ),
  en('tests-and-refactor', [
    'Write pytest unit tests for this function:\n{xsol}',
    'Refactor this function to be more readable and add docstrings:\n{xsol}',
    'Add input validation and error handling to this code:\n{xsol}',
    'Convert this Python code to idiomatic TypeScript:\n{xsol}',
  ]),
  en(
    'agent-tool-call',
    [
      'You are a coding agent with tools read_file(path), write_file(path, content), run_tests(). Task: make the failing test in tests/test_parser.py pass. Respond with your next tool call as JSON.',
      'Tools available: search_code(query), open_file(path), apply_patch(diff). The user reports that login fails when the email has uppercase letters. Decide which tool to call first and give the arguments.',
      'Observation: run_tests() -> 2 failed: test_totals, test_rounding. You may call open_file, apply_patch or run_tests. What is the next action? Answer with a JSON tool call only.',
      'You are an autonomous software engineer. Repository: web-shop. Goal: add pagination to GET /orders. Plan the change, then emit the first shell command to run.',
      'Given this stack trace from our CI job, which file should the agent open first, and why?\nTraceback (most recent call last):\n  File "app/models/user.py", line 42, in save\nKeyError: \'email\'',
    ],
    1.4,
  ),
  en('explain-code', [
    'Explain what this code does, line by line:\n{xsol}',
    'What is the time complexity of this function?\n{xsol}',
    'Is this regular expression safe from catastrophic backtracking? ^(a+)+$',
  ]),
  zh(
    'write-function',
    [
      '写一个Python函数，{xtask}。',
      '用TypeScript实现一个函数：{xtask}，请加上类型注解。',
      '请用Go写一个函数并附上简单的测试：{xtask}。',
      '补全下面的函数，使示例通过：\ndef rolling_max(xs):\n    """返回xs的前缀最大值。\n    >>> rolling_max([1, 3, 2, 5])\n    [1, 3, 3, 5]\n    """',
      '写一个SQL查询，找出2024年订单总额最高的十个客户。',
    ],
    1.4,
  ),
  zh(
    'fix-bug',
    [
      '这段代码报错“TypeError: cannot read properties of undefined”，帮我修一下：\n{xsol}',
      '为什么这个循环停不下来？怎么改？\nwhile i < 10:\n    print(i)',
      '我的单元测试因为差一错误失败了，函数如下：\n{xsol}\n问题出在哪里？',
      'React组件加了一个设置state的useEffect之后无限重新渲染，怎么排查？',
    ],
    1.2,
  ),
  zh('tests-and-refactor', [
    '给这个函数写pytest单元测试：\n{xsol}',
    '重构这段代码，让它更易读，并加上注释：\n{xsol}',
    '把这段Python代码改写成TypeScript：\n{xsol}',
  ]),
  zh(
    'agent-tool-call',
    [
      '你是一个编程智能体，可以调用 read_file(path)、write_file(path, content)、run_tests()。任务：让 tests/test_parser.py 中失败的测试通过。请以JSON格式给出下一步的工具调用。',
      '可用工具：search_code(query)、open_file(path)、apply_patch(diff)。用户反馈邮箱含大写字母时登录失败。请决定先调用哪个工具并给出参数。',
      '观察结果：run_tests() -> 2个失败：test_totals、test_rounding。你可以调用 open_file、apply_patch 或 run_tests。下一步做什么？只输出JSON格式的工具调用。',
      '你是一名自主软件工程师。仓库：web-shop。目标：给 GET /orders 增加分页。先规划修改，再给出要运行的第一条命令。',
    ],
    1.4,
  ),
  zh('explain-code', ['逐行解释这段代码的作用：\n{xsol}', '这个函数的时间复杂度是多少？\n{xsol}']),
];
