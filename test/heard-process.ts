import { spawn, type ChildProcess } from 'child_process';
import * as path from 'path';
import { DOWNLOAD_SECRET, INTAKE_SECRET } from './test-council.fixture';

/**
 * The real `npm start` entry point (`bot/main.ts`) in a child process, on a free
 * loopback port and the embedded store `file`, for tests of what only a whole process
 * does: shutting down on SIGTERM, taking up a new configuration.
 */

const ROOT = path.join(__dirname, '..');

/** A Heard process: its port, when it exits, and everything it wrote (JSON log lines). */
export interface HeardProcess {
  child: ChildProcess;
  port: number;
  exited: Promise<number | null>;
  output(): string;
}

/**
 * Starts Heard and resolves once it prints `{"port","pid"}` (it is listening).
 *
 * @example
 * const heard = await startHeardProcess(file, { HEARD_SHUTDOWN_GRACE_SECONDS: '2' });
 */
export function startHeardProcess(file: string, env: Record<string, string> = {}): Promise<HeardProcess> {
  // Node itself with tsx's loader, not the tsx wrapper: signals reach Heard as they do `node dist/bot/main.js`
  // (the wrapper relays only SIGINT and SIGTERM, and SIGHUP would end the wrapper instead).
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bot', 'main.ts')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      HEARD_STORE: file,
      HEARD_INTAKE_SECRET: INTAKE_SECRET,
      HEARD_DOWNLOAD_SECRET: DOWNLOAD_SECRET,
      HEARD_INSTANCE_ID: 'web-1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Heard did not start:\n${out}`)), 30_000);
    const onData = () => {
      const match = /\{"port":(\d+),"pid":\d+\}/.exec(out);
      if (!match) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      resolve({ child, port: Number(match[1]), exited, output: () => out });
    };
    child.stdout?.on('data', onData);
    void exited.then(() => reject(new Error(`Heard exited before listening:\n${out}`)));
  });
}

/**
 * Waits until `condition` holds, checking every 25 ms; fails naming `what` after `ms`.
 *
 * @example
 * await until(() => heard.output().includes('"event":"heard-reloaded"'), 'the reload');
 */
export async function until(condition: () => boolean, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
