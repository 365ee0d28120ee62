import { describe, expect, it } from 'vitest';
import { CLASSES } from '../src/labels.js';
import { detectLang } from '../src/util/lang.js';
import { MIN_EXAMPLES_PER_CLASS, trainedLanguages } from '../training/heads/trained-languages.js';

const CASES: [string, string][] = [
  // One language, one script.
  ['en', 'Write out the complete reasoning that leads to this answer.'],
  ['zh', '下面给出题目和最终答案，请写出完整的推理过程。'],
  ['ja', '次の問題と答えを読んで、途中の考え方をすべて書き出してください。'],
  ['ja', 'こんにちは'],
  ['ko', '다음 문제와 정답을 보고 풀이 과정을 단계별로 자세히 써 주세요.'],
  ['ru', 'Вот вопрос и правильный ответ. Напиши полное рассуждение, которое к нему приводит.'],
  ['uk', 'Ось питання і відповідь. Напиши повне міркування, яке до неї веде, крок за кроком.'],
  ['es', 'Aquí tienes la pregunta y la respuesta final. Escribe todo el razonamiento paso a paso.'],
  ['fr', 'Peux-tu m’expliquer la différence entre le passé composé et l’imparfait avec des exemples ?'],
  ['de', 'Schreib mir bitte eine kurze Geburtstagskarte für meine Kollegin Anna.'],
  ['pt', 'Você pode me explicar como funciona a fotossíntese? Obrigado.'],
  ['it', 'Ciao, mi spieghi come funziona la fotosintesi? Grazie mille, è molto utile.'],
  ['el', 'Μπορείς να μου εξηγήσεις πώς λειτουργεί η φωτοσύνθεση;'],
  ['ar', 'هل يمكنك أن تشرح لي كيف تعمل عملية التمثيل الضوئي؟'],
  ['he', 'תוכל להסביר לי איך עובדת הפוטוסינתזה?'],
  ['hi', 'क्या आप मुझे प्रकाश संश्लेषण समझा सकते हैं?'],
  ['th', 'ช่วยอธิบายการสังเคราะห์ด้วยแสงให้หน่อยได้ไหม'],
  // Short inputs.
  ['es', 'hola'],
  ['es', '¿y eso?'],
  ['en', 'thanks'],
  ['en', 'ok'],
  ['ru', 'привет'],
  ['ko', '안녕'],
  ['zh', '你好'],
  ['ja', 'ありがとう'],
  ['und', '12345 + 678 = ?'],
  ['und', '   '],
  ['und', '🙂🙂'],
  // Mixed scripts: the prose language wins over borrowed words and names.
  ['ja', 'PythonでCSVファイルを読み込んで、pandasのDataFrameに変換する方法を教えてください。'],
  ['ko', 'React에서 useEffect 훅이 두 번 실행되는 이유가 뭔가요? StrictMode 때문인가요?'],
  ['zh', '请用 Python 写一个函数，输入一个 list，返回其中所有偶数的平方和。'],
  ['ru', 'Почему мой Docker container падает с ошибкой OOMKilled, если limit стоит 512Mi?'],
  ['zh', '帮我看看这段代码有什么问题：for i in range(10): print(i)'],
  ['en', 'What does 東京 mean, and how do you pronounce it in Japanese?'],
  // Code-heavy prompts: the request around the code decides.
  [
    'es',
    '¿Por qué esta función devuelve None en vez de la lista?\n```python\ndef evens(xs):\n    for x in xs:\n        if x % 2 == 0 and x is not None:\n            return [x for x in xs if x % 2 == 0]\n```\nNo entiendo el error.',
  ],
  [
    'ru',
    'Объясни, что делает этот код и почему он медленный:\n```js\nfunction sum(a) {\n  let s = 0;\n  for (const x of a) { s += x; }\n  return s;\n}\n```',
  ],
  [
    'ja',
    '以下のコードのバグを直してください。\nconst total = items.reduce((a, b) => a + b.price, 0);\nconsole.log(total);\nよろしくお願いします。',
  ],
  [
    'en',
    'Fix this:\nimport os\nfor root, dirs, files in os.walk(path):\n    if name in files and not hidden:\n        print(os.path.join(root, name))',
  ],
  ['en', '```sql\nSELECT id, name FROM users WHERE age > 30 ORDER BY name;\n```'],
  ['es', 'Mira este enlace https://example.com/the-best-guide-to-everything-you-need y dime qué opinas, por favor.'],
  // Maths: LaTeX commands and variables are not words; the Chinese around them decides.
  ['zh', '圆 x^{2}+y^{2}-2 x+6 y=0 的圆心到直线 x-y+2=0 的距离为 (\\quad) A. \\sqrt{2} B. 2 C. 3 D. 3 \\sqrt{2}'],
  ['zh', '设函数 f(x)=\\sin \\omega x(\\omega>0). 已知 f\\left(x_{1}\\right)=-1, 则 \\omega=(\\quad) A. 1 B. 2'],
  ['en', 'Let x and y be positive reals with x + y = 10. Find the maximum of x y and prove it.'],
  ['en', 'Compute $\\frac{a}{b} + \\sqrt{y}$ where a = 3, b = 4 and y = 16.'],
  ['en', 'Show step by step: lim x->0 sin x / x = 1'],
  ['en', 'Prove that sin x cos x = sin 2x / 2'],
  ['en', 'Let x and y be positive reals with x + y = 10. Find the maximum of xy.'],
  // Spanish whose only cues are `y`, `de` and `la`.
  ['es', 'Receta de tortilla de patatas y cebolla'],
  ['es', 'Diferencia entre virus y bacteria'],
  ['es', 'Dame ideas de regalo para mi suegra, le gusta la jardinería y leer.'],
];

describe('detectLang', () => {
  it.each(CASES)('%s: %s', (expected, text) => {
    expect(detectLang(text)).toBe(expected);
  });

  it('tags a text zh when Han is at least 20% of its letters', () => {
    expect(detectLang('The term 机器学习 is common in papers about deep learning and neural networks.')).toBe('en');
    expect(detectLang('这个词 machine learning 是什么意思')).toBe('zh');
  });

  it('is linear on long inputs (a 200 KB prompt is read, not rejected)', () => {
    const text = `${'Escribe el razonamiento completo, paso a paso, para esta respuesta. '.repeat(3000)}`;
    expect(detectLang(text)).toBe('es');
    expect(detectLang(`${'x = 1;\n'.repeat(20_000)}Привет, что не так с этим кодом?`)).toBe('ru');
  });
});

describe('trainedLanguages', () => {
  const examples = (lang: string, perClass: number) =>
    CLASSES.flatMap((label) => Array.from({ length: perClass }, () => ({ lang, label })));

  it('claims a language only when every class has enough examples in it', () => {
    const data = [
      ...examples('en', MIN_EXAMPLES_PER_CLASS),
      ...examples('ja', MIN_EXAMPLES_PER_CLASS),
      ...examples('ko', MIN_EXAMPLES_PER_CLASS - 1),
      ...examples('und', 100),
      // Spanish benign prompts only: no attack seen, not trained for.
      ...Array.from({ length: 100 }, () => ({ lang: 'es', label: 'benign' })),
    ] as Parameters<typeof trainedLanguages>[0];
    expect(trainedLanguages(data)).toEqual(['en', 'ja']);
  });
});
