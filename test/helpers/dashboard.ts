import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless Debian Chromium (`apt-get install chromium`; .ci/run installs it when missing). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: install the Debian chromium package (apt-get install -y chromium)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The bits of the browser's DOM the tests read inside `page.evaluate` (the project compiles without DOM types). */
export interface PageGlobals {
  document: {
    body: { dataset: Record<string, string | undefined> };
    documentElement: { scrollWidth: number; clientWidth: number };
    querySelector(sel: string): { textContent: string | null } | null;
  };
  performance: { getEntriesByName(name: string): { startTime: number }[] };
}
export const browserGlobals = (): PageGlobals => globalThis as unknown as PageGlobals;

/** Waits until the dashboard has rendered `view` completely (the page sets body[data-ready=1]). */
export async function waitForView(page: Page, view: string, timeout = 15_000): Promise<void> {
  await page.waitForFunction(
    (v) => {
      const { document } = globalThis as unknown as PageGlobals;
      return (
        document.body.dataset.view === v &&
        (document.body.dataset.ready === '1' || document.body.dataset.ready === 'error')
      );
    },
    view,
    { timeout },
  );
  const ready = await page.evaluate(() => (globalThis as unknown as PageGlobals).document.body.dataset.ready);
  if (ready !== '1') throw new Error(`dashboard view ${view} failed: ${await page.locator('#notice').textContent()}`);
}

/** Milliseconds from navigation start to the dashboard's `dg-ready:<view>` mark. */
export async function readyMs(page: Page, view: string): Promise<number> {
  return page.evaluate((v) => {
    const mark = (globalThis as unknown as PageGlobals).performance.getEntriesByName(`dg-ready:${v}`).at(-1);
    if (mark === undefined) throw new Error(`no dg-ready:${v} mark`);
    return mark.startTime;
  }, view);
}
