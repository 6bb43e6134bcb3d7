import * as fs from 'fs';
import * as path from 'path';
import AdmZip from 'adm-zip';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { TeamsManifestV1D30 } from '@microsoft/app-manifest';
import type { BotCommand } from '../bot/commands';
import { ICON_RULES, iconProblems } from './icon-rules';

/**
 * The app manifest schema Heard is written against: the newest numbered (generally
 * available) version shipped in `@microsoft/app-manifest`; see manifest/README.md.
 */
export const TEAMS_MANIFEST_VERSION = '1.30';

/** The manifest type for {@link TEAMS_MANIFEST_VERSION}. */
export type TeamsManifest = TeamsManifestV1D30.TeamsManifestV1D30;

/** Environment variables read by {@link buildManifest}, as `process.env` provides them. */
export type PackagingEnv = Readonly<Record<string, string | undefined>>;

export type AppPackageErrorCode =
  | 'BOT_ID_MISSING'
  | 'PUBLIC_URL_INVALID'
  | 'TEMPLATE_PLACEHOLDER_UNKNOWN'
  | 'MANIFEST_INVALID'
  | 'ICON_INVALID';

/** An expected packaging failure: a code, a sentence to print, and the problems behind it. */
export class AppPackageError extends Error {
  constructor(
    readonly code: AppPackageErrorCode,
    message: string,
    readonly problems: readonly string[] = [],
  ) {
    super(problems.length ? `${message}\n${problems.map((p) => `  - ${p}`).join('\n')}` : message);
    this.name = 'AppPackageError';
  }
}

/** Defaults for the publisher links; a council deploying Heard sets its own. */
export const DEVELOPER_DEFAULTS = {
  HEARD_DEVELOPER_NAME: 'Heard',
  HEARD_WEBSITE_URL: 'https://heard.example.org/',
  HEARD_PRIVACY_URL: 'https://heard.example.org/privacy',
  HEARD_TERMS_URL: 'https://heard.example.org/terms',
} as const;

const TEMPLATE_FILE = 'manifest.template.json';
const PLACEHOLDER = /\$\{\{(\w+)\}\}/g;
const GUID_PATTERN = '^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$';

/**
 * The folder holding the manifest template and icons. Found by walking up from this
 * module, so it is the same folder whether the module runs from source (tests) or from
 * `dist/manifest/` (the `npm run package` script).
 *
 * @example
 * manifestAssetsDir(); // '/srv/heard/manifest'
 */
export function manifestAssetsDir(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'manifest');
    if (fs.existsSync(path.join(candidate, TEMPLATE_FILE))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`cannot find manifest/${TEMPLATE_FILE} above ${__dirname}`);
  }
}

/**
 * The official Teams app manifest JSON schema for {@link TEAMS_MANIFEST_VERSION}, as
 * shipped in `@microsoft/app-manifest` (so validation needs no network).
 *
 * @example
 * teamsSchemaFile(); // '…/node_modules/@microsoft/app-manifest/build/json-schemas/teams/v1.30/MicrosoftTeams.schema.json'
 */
export function teamsSchemaFile(): string {
  const packageDir = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  return path.join(packageDir, 'build', 'json-schemas', 'teams', `v${TEAMS_MANIFEST_VERSION}`, 'MicrosoftTeams.schema.json');
}

/**
 * Fills the manifest template from the environment and lists the bot's commands in
 * every scope. Throws an {@link AppPackageError} when a required variable is missing;
 * the result still needs {@link validateManifest}.
 *
 * Variables: `BOT_ID` (or `MicrosoftAppId`) is required; `TEAMS_APP_ID` defaults to the
 * bot id; `HEARD_PUBLIC_URL` gives `validDomains` its host and the Dashboard tab its
 * address, and `HEARD_ENTRA_CLIENT_ID` the tab its single sign-on; `HEARD_APP_VERSION`
 * defaults to package.json's version; `HEARD_DEVELOPER_NAME`, `HEARD_WEBSITE_URL`,
 * `HEARD_PRIVACY_URL` and `HEARD_TERMS_URL` default to {@link DEVELOPER_DEFAULTS}.
 *
 * @example
 * const manifest = buildManifest(
 *   { BOT_ID: '6f1c2a9e-3b4d-4e5f-8a7b-1c2d3e4f5a6b', HEARD_PUBLIC_URL: 'https://heard.council.example' },
 *   BOT_COMMANDS,
 * );
 * manifest.bots?.[0].botId; // '6f1c2a9e-3b4d-4e5f-8a7b-1c2d3e4f5a6b'
 * manifest.validDomains; // ['heard.council.example']
 */
export function buildManifest(
  env: PackagingEnv,
  commands: readonly BotCommand[],
  template: unknown = readTemplate(),
): TeamsManifest {
  const botId = setting(env, 'BOT_ID') ?? setting(env, 'MicrosoftAppId');
  if (!botId) {
    throw new AppPackageError(
      'BOT_ID_MISSING',
      "BOT_ID is not set: set BOT_ID (or MicrosoftAppId) to the bot's Microsoft App ID, the GUID of its Azure Bot registration.",
    );
  }
  const values: Record<string, string> = {
    BOT_ID: botId,
    TEAMS_APP_ID: setting(env, 'TEAMS_APP_ID') ?? botId,
    HEARD_APP_VERSION: setting(env, 'HEARD_APP_VERSION') ?? packageVersion(),
    HEARD_PUBLIC_HOST: publicHost(setting(env, 'HEARD_PUBLIC_URL')),
  };
  for (const [name, fallback] of Object.entries(DEVELOPER_DEFAULTS)) values[name] = setting(env, name) ?? fallback;

  const unknown = new Set<string>();
  const filled = fill(template, values, unknown) as TeamsManifest;
  if (unknown.size) {
    throw new AppPackageError(
      'TEMPLATE_PLACEHOLDER_UNKNOWN',
      `manifest/${TEMPLATE_FILE} uses placeholders the packaging does not fill: ${[...unknown].map((n) => `\${{${n}}}`).join(', ')}`,
    );
  }
  // No HEARD_PUBLIC_URL leaves an empty entry, which Teams would reject; drop it.
  if (filled.validDomains) filled.validDomains = filled.validDomains.filter((domain) => domain !== '');
  for (const bot of filled.bots ?? []) {
    for (const list of bot.commandLists ?? []) {
      list.commands = commands
        .filter((command) => list.scopes.every((scope) => (command.scopes as readonly string[]).includes(scope)))
        .map(({ title, description }) => ({ title, description }));
    }
  }
  addDashboardTab(filled, setting(env, 'HEARD_PUBLIC_URL'), setting(env, 'HEARD_ENTRA_CLIENT_ID'));
  return filled;
}

/** Where Heard serves the dashboard (api/dashboard-route.ts, `DASHBOARD_PATH`; the manifest test checks they agree). */
export const DASHBOARD_TAB_PATH = '/dashboard';

/**
 * The personal Dashboard tab, served by Heard at `HEARD_PUBLIC_URL/dashboard`, beside the
 * chat (a personal app that declares tabs must name its chat to keep it); and, with
 * `HEARD_ENTRA_CLIENT_ID`, the tab's single sign-on: `webApplicationInfo` with the app
 * registration's Application ID URI `api://<host>/<client id>`. Without a public address
 * there is nowhere to point a tab, so none is declared.
 */
function addDashboardTab(manifest: TeamsManifest, publicUrl: string | undefined, clientId: string | undefined): void {
  if (!publicUrl) return;
  const base = publicUrl.replace(/\/+$/, '');
  manifest.staticTabs = [
    { entityId: 'conversations', scopes: ['personal'] },
    { entityId: 'dashboard', name: 'Dashboard', contentUrl: `${base}${DASHBOARD_TAB_PATH}`, scopes: ['personal'] },
  ];
  if (clientId) manifest.webApplicationInfo = { id: clientId, resource: `api://${new URL(base).host}/${clientId}` };
}

/**
 * Checks a manifest against the official Teams schema for {@link TEAMS_MANIFEST_VERSION}
 * (offline) and against the rules Teams applies beyond it. Returns one readable line per
 * problem — where it is, what is wrong, and the value found — or an empty array.
 *
 * @example
 * validateManifest(buildManifest({ BOT_ID: 'not-a-guid' }, BOT_COMMANDS));
 * // ['bots[0].botId must be a GUID (found "not-a-guid")']
 */
export function validateManifest(manifest: unknown): string[] {
  const validate = schemaValidator();
  const problems = validate(manifest) ? [] : (validate.errors ?? []).map(describeError);
  for (const name of placeholdersIn(manifest)) problems.push(`manifest still has the placeholder \${{${name}}}`);
  const developer = (manifest as Partial<TeamsManifest> | null)?.developer;
  for (const key of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl'] as const) {
    const url = developer?.[key];
    if (typeof url === 'string' && !/^https:\/\//i.test(url)) {
      problems.push(`developer.${key} must be an https:// address (found ${JSON.stringify(url)})`);
    }
  }
  return [...new Set(problems)];
}

/**
 * Writes the Teams app package: a zip with manifest.json, color.png and outline.png at
 * its root, ready to upload to Teams. Refuses (with an {@link AppPackageError}) a manifest
 * that fails {@link validateManifest} or icons that break Teams' icon rules. Returns the
 * absolute path of the zip.
 *
 * @example
 * const manifest = buildManifest(process.env, BOT_COMMANDS);
 * writeAppPackage(manifest, 'dist/appPackage/heard.zip'); // '/srv/heard/dist/appPackage/heard.zip'
 */
export function writeAppPackage(
  manifest: TeamsManifest,
  outFile: string,
  assetsDir: string = manifestAssetsDir(),
): string {
  const problems = validateManifest(manifest);
  if (problems.length) {
    throw new AppPackageError('MANIFEST_INVALID', `The app manifest is not valid (Teams schema v${TEAMS_MANIFEST_VERSION}):`, problems);
  }
  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'));
  const iconIssues: string[] = [];
  for (const [kind, rule] of Object.entries(ICON_RULES) as [keyof typeof ICON_RULES, (typeof ICON_RULES)['color']][]) {
    const name = manifest.icons[kind];
    const file = path.resolve(assetsDir, name);
    if (path.dirname(file) !== path.resolve(assetsDir)) {
      iconIssues.push(`icons.${kind} must name a file beside the manifest (found ${JSON.stringify(name)})`);
      continue;
    }
    if (!fs.existsSync(file)) {
      iconIssues.push(`icons.${kind}: ${file} does not exist (run node manifest/make-icons.js)`);
      continue;
    }
    const bytes = fs.readFileSync(file);
    iconIssues.push(...iconProblems(name, bytes, rule));
    zip.addFile(name, bytes);
  }
  if (iconIssues.length) throw new AppPackageError('ICON_INVALID', 'The app icons break Teams icon rules:', iconIssues);
  const target = path.resolve(outFile);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, zip.toBuffer());
  return target;
}

function setting(env: PackagingEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function publicHost(publicUrl: string | undefined): string {
  if (!publicUrl) return '';
  try {
    return new URL(publicUrl).hostname;
  } catch {
    throw new AppPackageError(
      'PUBLIC_URL_INVALID',
      `HEARD_PUBLIC_URL must be the bot's public address, e.g. https://heard.council.example (found ${JSON.stringify(publicUrl)})`,
    );
  }
}

function readTemplate(): unknown {
  return JSON.parse(fs.readFileSync(path.join(manifestAssetsDir(), TEMPLATE_FILE), 'utf8'));
}

function packageVersion(): string {
  const packageJson = path.join(path.dirname(manifestAssetsDir()), 'package.json');
  return (JSON.parse(fs.readFileSync(packageJson, 'utf8')) as { version: string }).version;
}

function fill(node: unknown, values: Readonly<Record<string, string>>, unknown: Set<string>): unknown {
  if (typeof node === 'string') {
    return node.replace(PLACEHOLDER, (match, name: string) => {
      if (name in values) return values[name];
      unknown.add(name);
      return match;
    });
  }
  if (Array.isArray(node)) return node.map((item) => fill(item, values, unknown));
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, fill(value, values, unknown)]));
  }
  return node;
}

function placeholdersIn(node: unknown, found = new Set<string>()): Set<string> {
  if (typeof node === 'string') for (const match of node.matchAll(PLACEHOLDER)) found.add(match[1]);
  else if (node && typeof node === 'object') for (const value of Object.values(node)) placeholdersIn(value, found);
  return found;
}

let compiled: ValidateFunction | undefined;

function schemaValidator(): ValidateFunction {
  if (!compiled) {
    // The Teams schemas are draft-04, which Ajv 8 only reads through ajv-draft-04.
    const ajv = new Ajv04({ allErrors: true, strict: false, verbose: true });
    addFormats(ajv, ['uri']);
    compiled = ajv.compile(JSON.parse(fs.readFileSync(teamsSchemaFile(), 'utf8')));
  }
  return compiled;
}

function describeError(error: ErrorObject): string {
  const where = pointerToPath(error.instancePath);
  const found = ` (found ${abbreviate(error.data)})`;
  switch (error.keyword) {
    case 'required':
      return `${where} is missing the required field "${String(error.params.missingProperty)}"`;
    case 'additionalProperties':
      return `${where} has a field the schema does not allow: "${String(error.params.additionalProperty)}"`;
    case 'pattern':
      return error.params.pattern === GUID_PATTERN
        ? `${where} must be a GUID${found}`
        : `${where} must match ${String(error.params.pattern)}${found}`;
    case 'enum':
      return `${where} must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}${found}`;
    default:
      return `${where} ${error.message ?? 'is invalid'}${found}`;
  }
}

function pointerToPath(pointer: string): string {
  if (!pointer) return 'manifest';
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((out, part) => (/^\d+$/.test(part) ? `${out}[${part}]` : out ? `${out}.${part}` : part), '');
}

function abbreviate(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
