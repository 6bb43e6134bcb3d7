import { spawn, type ChildProcess } from 'child_process';
import * as path from 'path';
import { DOWNLOAD_SECRET, INTAKE_SECRET, signedHeaders } from './test-council.fixture';

const ROOT = path.resolve(__dirname, '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const ENTRY = path.join(ROOT, 'test', 'intake-server-entry.ts');

/** The intake API running in a child process of its own, over an embedded store file. */
export interface IntakeProcess {
  port: number;
  /** The server's own pid (tsx runs it as a child of the launcher). */
  pid: number;
  launcher: ChildProcess;
  exited: Promise<number | null>;
  stderr: () => string;
}

const started: IntakeProcess[] = [];

/**
 * Starts `test/intake-server-entry.ts` on `file`, listening on a free loopback port;
 * resolves once it listens. Stop what was started with {@link killIntakeProcesses}.
 *
 * @example
 * const intake = await startIntakeProcess(tempDatabaseFile());
 */
export function startIntakeProcess(file: string): Promise<IntakeProcess> {
  const launcher = spawn(TSX, [ENTRY], {
    cwd: ROOT,
    env: { ...process.env, HEARD_DB_FILE: file, HEARD_INTAKE_SECRET: INTAKE_SECRET, HEARD_DOWNLOAD_SECRET: DOWNLOAD_SECRET, HEARD_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  launcher.stderr?.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => launcher.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`the API did not start within 15 s:\n${stderr}`)), 15_000);
    launcher.stdout?.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
      const line = stdout.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      clearTimeout(timer);
      const { port, pid } = JSON.parse(line) as { port: number; pid: number };
      const entry = { port, pid, launcher, exited, stderr: () => stderr };
      started.push(entry);
      resolve(entry);
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the API exited (${code}) before listening:\n${stderr}`));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Kills, by pid, every intake process this test file started that is still alive. @example afterAll(killIntakeProcesses); */
export function killIntakeProcesses(): void {
  for (const e of started) {
    for (const pid of [e.pid, e.launcher.pid]) if (pid && isAlive(pid)) process.kill(pid, 'SIGKILL');
  }
}

/** What the intake answered one statement: its status and statement id, or that the request failed. */
export type IntakeOutcome = { status: number; statementId: string } | { status: 'failed' };

/** True for a statement the intake acknowledged (2xx). @example outcomes.filter(isAcknowledged) */
export const isAcknowledged = (o: IntakeOutcome | undefined): o is { status: number; statementId: string } =>
  typeof o?.status === 'number' && o.status >= 200 && o.status < 300;

/**
 * POSTs one statement body, signed now, to the intake on `port`.
 *
 * @example
 * const outcome = await postStatement(intake.port, statementBody('momo-1'));
 */
export async function postStatement(port: number, body: Record<string, unknown>): Promise<IntakeOutcome> {
  const text = JSON.stringify(body);
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/statements`, {
      method: 'POST',
      body: text,
      headers: signedHeaders(text, Math.floor(Date.now() / 1000)),
      signal: AbortSignal.timeout(10_000),
    });
    const json = (await res.json()) as { statementId?: string };
    return { status: res.status, statementId: json.statementId ?? '' };
  } catch {
    return { status: 'failed' };
  }
}
