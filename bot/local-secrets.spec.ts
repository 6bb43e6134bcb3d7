import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { withLocalSecrets } from './local-secrets';

describe('the secrets of a local run', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-secrets-'));
    file = path.join(dir, '.data', 'local-secrets.json');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes nothing when both secrets come from the environment', () => {
    const env = withLocalSecrets({ HEARD_INTAKE_SECRET: 'i'.repeat(32), HEARD_DOWNLOAD_SECRET: 'd'.repeat(32) }, file);

    expect(env).toMatchObject({ HEARD_INTAKE_SECRET: 'i'.repeat(32), HEARD_DOWNLOAD_SECRET: 'd'.repeat(32) });
    expect(fs.existsSync(path.dirname(file))).toBe(false);
  });

  it('writes nothing for a deployment (an app id is set), whatever is missing', () => {
    withLocalSecrets({ MicrosoftAppId: '22222222-2222-4222-8222-222222222222' }, file);
    expect(fs.existsSync(path.dirname(file))).toBe(false);
  });

  it('makes the missing one once, keeps it readable by its owner only, and reuses it', () => {
    const first = withLocalSecrets({ HEARD_INTAKE_SECRET: 'i'.repeat(32) }, file);
    const again = withLocalSecrets({}, file);

    expect(first.HEARD_INTAKE_SECRET).toBe('i'.repeat(32));
    expect(first.HEARD_DOWNLOAD_SECRET).toMatch(/^[0-9a-f]{64}$/);
    expect(again.HEARD_DOWNLOAD_SECRET).toBe(first.HEARD_DOWNLOAD_SECRET);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });
});
