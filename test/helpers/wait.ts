/** Polls `probe` every `pollMs` until it returns a value, or throws after `ms`. */
export async function waitFor<T>(probe: () => Promise<T | undefined>, ms: number, pollMs = 50): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
