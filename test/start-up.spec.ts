import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * Issue 13, item 4: started with HOST=0.0.0.0 and no app id, Heard used to listen on
 * every interface with /api/messages anonymous, so anyone on the network could act as
 * any Teams user. Now it refuses to start, naming the variables, and leaves nothing
 * behind (no store, no secrets file).
 */

const ROOT = path.join(__dirname, '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

function start(env: Record<string, string>, cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [path.join(ROOT, 'bot', 'main.ts')], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('starting Heard without an app id', () => {
  it('refuses HOST=0.0.0.0 with a message naming the variables, and writes nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-start-'));
    try {
      const run = await start({ HOST: '0.0.0.0', PORT: '0', HEARD_INTAKE_SECRET: 'i'.repeat(32), HEARD_DOWNLOAD_SECRET: 'd'.repeat(32) }, dir);

      expect(run.code).toBe(1);
      expect(run.stdout).toBe(''); // never printed the port it listens on
      expect(run.stderr).toContain('Heard cannot start: HOST=0.0.0.0 would let anyone on the network act as any Teams user');
      expect(run.stderr).toMatch(/MicrosoftAppId, MicrosoftAppPassword and MicrosoftAppTenantId/);
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 40_000);
});
