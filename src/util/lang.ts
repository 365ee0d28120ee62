/** The language of a prompt as training data and feedback record it: `zh` or `en`. */

const HAN = /[\u3400-\u9fff]/g;

/** 'zh' when at least 20% of the non-space characters are Han characters. */
export function detectLang(text: string): 'en' | 'zh' {
  const han = (text.match(HAN) ?? []).length;
  const total = text.replace(/\s/g, '').length || 1;
  return han / total >= 0.2 ? 'zh' : 'en';
}
