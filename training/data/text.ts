/** Text helpers shared by loaders and generators. */

/** Hard ceiling on a prompt's length; longer filled templates are cut deliberately (see capText). */
export const MAX_CHARS = 6000;
/** Per-slot ceiling for answers/documents placed into judge templates. */
export const MAX_SLOT_CHARS = 900;

/** Replaces `{name}` placeholders; unknown placeholders are left untouched. */
export function fill(template: string, slots: Record<string, string>): string {
  return template.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (m, k: string) => (k in slots ? (slots[k] as string) : m));
}

/** Replaces `{{name}}` placeholders (G-Eval style). */
export function fillDouble(template: string, slots: Record<string, string>): string {
  return template.replace(/\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}/g, (m, k: string) =>
    k in slots ? (slots[k] as string) : m,
  );
}

/**
 * Shortens a slot value to at most `max` characters at a whitespace boundary and marks the cut
 * with " [...]" so the shortening is visible in the prompt, never silent.
 */
export function clip(value: string, max = MAX_SLOT_CHARS): string {
  if (value.length <= max) return value;
  const cut = value.slice(0, max);
  const ws = Math.max(cut.lastIndexOf(' '), cut.lastIndexOf('\n'));
  return `${(ws > max * 0.6 ? cut.slice(0, ws) : cut).trimEnd()} [...]`;
}

/** Result of capping a whole prompt: the text and whether it was cut. */
export interface Capped {
  text: string;
  capped: boolean;
}

/**
 * Caps a whole prompt at MAX_CHARS. Loaders first clip slot values; this is the last resort for
 * very long templates (e.g. few-shot annotator templates) and is counted in the manifest.
 */
export function capText(text: string, max = MAX_CHARS): Capped {
  if (text.length <= max) return { text, capped: false };
  return { text: clip(text, max - 6), capped: true };
}

export function normaliseWs(s: string): string {
  return s.replace(/\r\n/g, '\n').trim();
}
