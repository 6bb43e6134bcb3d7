import { spawn, type ChildProcess } from 'child_process';
import * as path from 'path';

/**
 * Running Heard and the Microsoft 365 Agents Playground as child processes for the
 * end-to-end tests in a browser (`playground.e2e.spec.ts`, `playground-participation.e2e.spec.ts`).
 */

const ROOT = path.join(__dirname, '..');

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
