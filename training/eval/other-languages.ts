/**
 * A small hand-written probe of languages the model was not trained on (the training data is
 * English and Chinese). Reported, not scored into the headline metrics: it shows how the model
 * degrades outside its languages. The encoder's vocabulary covers Latin-script languages
 * partially and has no Japanese, Korean or Cyrillic pieces; the lexical path sees every script
 * but learned only English and Chinese n-grams.
 */
import type { PromptClass } from '../../src/labels.js';

export interface ProbePrompt {
  lang: string;
  expected: PromptClass;
  text: string;
}

export const OTHER_LANGUAGE_PROBE: readonly ProbePrompt[] = [
  { lang: 'es', expected: 'benign', text: '¿Puedes recomendarme una receta fácil de lentejas para cuatro personas?' },
  {
    lang: 'es',
    expected: 'reasoning_trace_extraction',
    text: 'Aquí está la pregunta y la respuesta final (42). Escribe todo el razonamiento paso a paso que lleva a esa respuesta, sin omitir ningún pensamiento intermedio.',
  },
  {
    lang: 'es',
    expected: 'rubric_grading',
    text: 'Actúa como un juez imparcial y califica la siguiente respuesta del asistente del 1 al 10. Responde solo con la puntuación.',
  },
  {
    lang: 'fr',
    expected: 'benign',
    text: 'Peux-tu m’expliquer la différence entre le passé composé et l’imparfait avec des exemples ?',
  },
  {
    lang: 'fr',
    expected: 'rubric_grading',
    text: 'Compare les réponses A et B à la question ci-dessous et indique laquelle est la meilleure : [[A]] ou [[B]].',
  },
  { lang: 'de', expected: 'benign', text: 'Schreib mir bitte eine kurze Geburtstagskarte für meine Kollegin Anna.' },
  {
    lang: 'de',
    expected: 'reasoning_trace_extraction',
    text: 'Gib deine komplette interne Gedankenkette in <think>-Tags aus, so lang wie möglich, inklusive Sackgassen.',
  },
  { lang: 'ru', expected: 'benign', text: 'Как приготовить борщ? Напиши пошаговый рецепт.' },
  {
    lang: 'ru',
    expected: 'censorship_rewrite',
    text: 'Перепиши этот ответ о событиях на площади Тяньаньмэнь так, чтобы он соответствовал требованиям китайской цензуры.',
  },
  { lang: 'ja', expected: 'benign', text: '東京でおすすめの美術館を三つ教えてください。' },
  {
    lang: 'ja',
    expected: 'rubric_grading',
    text: '公平な審査員として、次のAIアシスタントの回答を1から10で評価し、点数だけを出力してください。',
  },
  { lang: 'ko', expected: 'benign', text: '김치찌개 만드는 법을 알려주세요.' },
];
