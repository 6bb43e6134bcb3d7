import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** The two secrets a local run needs, kept beside the embedded store. */
export interface LocalSecrets {
  HEARD_INTAKE_SECRET: string;
  HEARD_DOWNLOAD_SECRET: string;
}

/**
 * For local runs only (no Microsoft app id: the Agents Playground): the intake and
 * download secrets, made once and kept in `file` (mode 0600) so that `npm start` works
 * on a fresh clone and the demo can sign statements it posts. A deployment sets its own.
 *
 * @example
 * const secrets = localSecrets('.data/local-secrets.json');
 */
export function localSecrets(file: string): LocalSecrets {
  if (fs.existsSync(file)) {
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LocalSecrets>;
    if (stored.HEARD_INTAKE_SECRET && stored.HEARD_DOWNLOAD_SECRET) {
      return { HEARD_INTAKE_SECRET: stored.HEARD_INTAKE_SECRET, HEARD_DOWNLOAD_SECRET: stored.HEARD_DOWNLOAD_SECRET };
    }
  }
  const secrets: LocalSecrets = {
    HEARD_INTAKE_SECRET: randomBytes(32).toString('hex'),
    HEARD_DOWNLOAD_SECRET: randomBytes(32).toString('hex'),
  };
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}

/**
 * The environment of a run with the local secrets filled in where needed: only a local
 * run (no MicrosoftAppId) missing one of the two secrets reads or makes `file`; one that
 * has both from its environment writes nothing.
 *
 * @example
 * const env = withLocalSecrets(process.env, '.data/local-secrets.json');
 */
export function withLocalSecrets(env: Record<string, string | undefined>, file: string): Record<string, string | undefined> {
  if (env.MicrosoftAppId || (env.HEARD_INTAKE_SECRET && env.HEARD_DOWNLOAD_SECRET)) return { ...env };
  const made = localSecrets(file);
  return {
    ...env,
    HEARD_INTAKE_SECRET: env.HEARD_INTAKE_SECRET || made.HEARD_INTAKE_SECRET,
    HEARD_DOWNLOAD_SECRET: env.HEARD_DOWNLOAD_SECRET || made.HEARD_DOWNLOAD_SECRET,
  };
}
