import * as fs from 'fs';
import { chromium, type Browser } from 'playwright-core';
import { REFUSAL_PAGES, SIGN_IN_UNAVAILABLE, tooManyRefusedPage } from '../api/download-route';
import { signDownloadToken } from '../api/download-token';
import { renderPersonPage } from '../api/person-page';
import { DOWNLOAD_SECRET, startApi, statementBody } from './test-council.fixture';

/**
 * The pages a person may see instead of a PDF (a link expired, used, made for someone
 * else; a sign-in that did not finish; too many refused links), checked in Chromium
 * with axe-core against WCAG 2.2 A and AA (and axe's best practices), at a phone's
 * 320 px width without sideways scrolling, and served for real under their Content
 * Security Policy.
 */

const CHROMIUM = process.env.HEARD_E2E_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const AXE = require.resolve('axe-core/axe.min.js');
/** WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices (landmarks, one h1). */
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** The part of axe-core's API the test uses. */
interface Axe {
  run(context: unknown, options: unknown): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
}

const pages = [...new Map([...Object.values(REFUSAL_PAGES), SIGN_IN_UNAVAILABLE, tooManyRefusedPage(180)].map((p) => [p.title + p.lines.join(), p])).values()];

const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium && !process.env.CI) {
  // eslint-disable-next-line no-console
  console.warn(`Skipping the accessibility check of the download pages: no Chromium at ${CHROMIUM}. Install it (apt-get install chromium) or set HEARD_E2E_CHROMIUM.`);
}

(haveChromium || process.env.CI ? describe : describe.skip)('the pages a person sees instead of a PDF', () => {
  let browser: Browser;
  beforeAll(async () => {
    if (!haveChromium) throw new Error(`Chromium is required for this test in CI and is not at ${CHROMIUM}: apt-get install chromium (or set HEARD_E2E_CHROMIUM).`);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
  });

  it.each(pages.map((p) => [p.title, p] as const))('“%s” meets WCAG 2.2 AA (axe-core) and reflows at 320 px', async (_title, page) => {
    // The axe script is injected, so this context lets it past the page's policy (checked below).
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 320, height: 640 } });
    try {
      const tab = await context.newPage();
      await tab.setContent(renderPersonPage(page));
      await tab.addScriptTag({ path: AXE });
      // (Run in the page: no DOM types here, so the browser's globals are reached through globalThis.)
      const violations = await tab.evaluate(async (tags) => {
        const { axe, document } = globalThis as unknown as { axe: Axe; document: unknown };
        const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
        return result.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')) }));
      }, WCAG_22_AA);
      expect(violations).toEqual([]);
      expect(await tab.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      expect(await tab.title()).toBe(`${page.title} – Heard`);
    } finally {
      await context.close();
    }
  }, 30_000);

  it('is served with a policy that allows its own style and nothing else', async () => {
    const api = await startApi();
    const context = await browser.newContext();
    try {
      const statementId = (await api.post(statementBody('momo-page'))).json.statementId as string;
      const stale = signDownloadToken({ statementId, personId: 'p_sam', now: api.clock.now - 3600, secret: DOWNLOAD_SECRET });
      const tab = await context.newPage();
      const blocked: string[] = [];
      tab.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
      });
      const response = await tab.goto(`${api.baseUrl}/api/statements/${statementId}/pdf?token=${stale}`);

      expect(response?.status()).toBe(403);
      expect(response?.headers()['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
      expect(await tab.locator('h1').textContent()).toBe('This link has expired');
      // The page's own style applied (1.5rem, where a browser's own h1 is 2em: 32px): its hash is the one the policy names.
      const fontSize = await tab.locator('h1').evaluate((h1) => (globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string } }).getComputedStyle(h1).fontSize);
      expect(fontSize).toBe('24px');
      expect(blocked).toEqual([]);
    } finally {
      await context.close();
      await api.close();
    }
  }, 30_000);
});
