import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import type { Person } from '../domain/person';

/**
 * Running Heard and the Microsoft 365 Agents Playground as child processes for the
 * end-to-end tests in a browser (`playground*.e2e.spec.ts`), and Chromium to drive them.
 */

const ROOT = path.join(__dirname, '..');
/** What the browser tests run: the built Heard, the Playground's CLI and its demo configuration, Debian's Chromium. */
export const E2E = {
  ROOT,
  PLAYGROUND_CONFIG: path.join(ROOT, '.m365agentsplayground.yml'),
  PLAYGROUND_CLI: path.join(ROOT, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js'),
  HEARD_MAIN: path.join(ROOT, 'dist', 'bot', 'main.js'),
  RESULTS: path.join(ROOT, 'test-results'),
  CHROMIUM: process.env.HEARD_E2E_CHROMIUM ?? '/usr/bin/chromium',
  INTAKE_SECRET: 'e2e-intake-secret-0123456789abcdef0123456789abcdef',
  DOWNLOAD_SECRET: 'e2e-download-secret-0123456789abcdef0123456789abcd',
} as const;

/** Whether Debian's Chromium is there: the browser tests skip without it, except in CI where they must run. */
export const HAVE_CHROMIUM = fs.existsSync(E2E.CHROMIUM);

/** Fails at once, saying what to do, when the browser or the built Heard is missing. @example beforeAll(() => expectE2EReady()); */
export function expectE2EReady(): void {
  if (!HAVE_CHROMIUM) throw new Error(`Chromium is required for the Agents Playground test in CI and is not at ${E2E.CHROMIUM}.`);
  if (!fs.existsSync(E2E.HEARD_MAIN)) throw new Error(`${path.relative(ROOT, E2E.HEARD_MAIN)} is missing: run npm run build (npm test does) first.`);
}

/** Headless Chromium with the flags this machine needs, on a fresh profile in `profileDir`. @example const browser = await launchChromium(dir, 1000); */
export function launchChromium(profileDir: string, height: number): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: E2E.CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1400, height },
  });
}

/**
 * One person at a time in the Playground, on a Heard over a shared store file: `openAs`
 * starts Heard and a Playground whose current user is that person, opens it in Chromium
 * and waits for Heard's welcome; `closeAll` stops them (before the next person).
 *
 * @example
 * const people = new PlaygroundPeople(dir, storeFile);
 * const page = await people.openAs(SAM); await say(page, "what's due this week?");
 * await people.closeAll();
 */
export class PlaygroundPeople {
  private readonly children: ChildProcess[] = [];
  private browser: BrowserContext | undefined;

  constructor(
    private readonly dir: string,
    private readonly storeFile: string,
  ) {}

  async openAs(user: Person): Promise<Page> {
    const heard = start(process.execPath, [E2E.HEARD_MAIN], { ...localEnv(), PORT: '0', HOST: '127.0.0.1', HEARD_STORE: this.storeFile, HEARD_INTAKE_SECRET: E2E.INTAKE_SECRET, HEARD_DOWNLOAD_SECRET: E2E.DOWNLOAD_SECRET });
    this.children.push(heard);
    const heardPort = Number(JSON.parse(await lineMatching(heard, /^\{"port":\d+/, 20_000)).port);
    // The demo's Playground tenant with `user` as the one using it (the Playground takes five others).
    const config = parseYaml(fs.readFileSync(E2E.PLAYGROUND_CONFIG, 'utf8')) as { currentUser: { email: string }; users: { email: string }[] };
    const everyone = [config.currentUser, ...config.users];
    const configFile = path.join(this.dir, `playground-${user.id}.yml`);
    fs.writeFileSync(configFile, stringifyYaml({ ...config, currentUser: everyone.find((u) => u.email === user.email), users: everyone.filter((u) => u.email !== user.email) }));
    const playground = start(process.execPath, [E2E.PLAYGROUND_CLI, '-e', `http://127.0.0.1:${heardPort}/api/messages`, '-c', 'msteams', '-p', '0', '--dt'], {
      ...localEnv(),
      TEAMSAPPTESTER_BROWSER: 'none',
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: configFile,
      M365_AGENTS_PLAYGROUND_LOGFILE: path.join(this.dir, `playground-${user.id}.log`),
    });
    this.children.push(playground);
    const playgroundPort = Number(/(\d+)\s*$/.exec(await lineMatching(playground, /^Listening on \d+/, 30_000))![1]);
    this.browser = await launchChromium(path.join(this.dir, `chromium-${user.id}`), 1100);
    const page = this.browser.pages()[0] ?? (await this.browser.newPage());
    page.setDefaultTimeout(20_000);
    await page.goto(`http://localhost:${playgroundPort}`);
    await page.getByText('Welcome to Heard').first().waitFor({ timeout: 30_000 });
    await page.locator('[data-lexical-editor="true"]').waitFor();
    return page;
  }

  /**
   * One person's journey: opens the Playground as `user`, runs `steps` on the page, keeps a
   * screenshot in test-results/`failureScreenshot` if they fail, and closes everything.
   */
  async journey(user: Person, failureScreenshot: string, steps: (page: Page) => Promise<void>): Promise<void> {
    const page = await this.openAs(user);
    fs.mkdirSync(E2E.RESULTS, { recursive: true });
    try {
      await steps(page);
    } catch (error) {
      await page.screenshot({ path: path.join(E2E.RESULTS, failureScreenshot) }).catch(() => undefined);
      throw error;
    } finally {
      await this.closeAll();
    }
  }

  async closeAll(): Promise<void> {
    await this.browser?.close().catch(() => undefined);
    this.browser = undefined;
    while (this.children.length > 0) await stop(this.children.pop()!);
  }
}

/** Types `words` into the compose box and sends them. @example await say(page, "what's due this week?"); */
export async function say(page: Page, words: string): Promise<void> {
  await page.locator('[data-lexical-editor="true"]').click();
  await page.keyboard.type(words);
  await page.keyboard.press('Enter');
}

/** The latest card showing `text`. @example await cardWith(page, 'Unassigned statements').waitFor(); */
export const cardWith = (page: Page, text: string) => page.locator('.ac-adaptiveCard', { hasText: text }).last();

/** The environment of a local run: no Bot Framework credentials, no MongoDB. @example start(process.execPath, [main], localEnv()); */
export function localEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppTenantId', 'MicrosoftAppType', 'MONGODB_URI', 'HEARD_PUBLIC_URL']) delete env[name];
  return env;
}

/** Spawns a child whose output is kept for error messages. @example const heard = start(process.execPath, [HEARD_MAIN], env); */
export function start(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess & { output: string[] } {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] }) as ChildProcess & { output: string[] };
  child.output = [];
  const keep = (chunk: Buffer) => {
    child.output.push(chunk.toString('utf8'));
    if (child.output.length > 400) child.output.splice(0, 100);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return child;
}

/** The first stdout line matching `pattern`; fails with the child's output if it exits or takes too long. @example await lineMatching(heard, /^\\{"port":\\d+/, 20_000); */
export function lineMatching(child: ChildProcess & { output: string[] }, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => fail(`no line matching ${pattern} within ${timeoutMs} ms`), timeoutMs);
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      const line = lines.find((l) => pattern.test(l.trim()));
      if (line === undefined) return;
      cleanup();
      resolve(line.trim());
    };
    const onExit = (code: number | null) => fail(`exited (code ${code}) before printing a line matching ${pattern}`);
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
    };
    function fail(why: string) {
      cleanup();
      reject(new Error(`${path.basename(String(child.spawnargs[1]))} ${why}:\n${child.output.join('').slice(-4000)}`));
    }
    child.stdout?.on('data', onData);
    child.on('exit', onExit);
  });
}

/** SIGTERM, then SIGKILL if it has not exited within 5 s. @example await stop(heard); */
export function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
