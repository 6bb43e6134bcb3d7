import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import AdmZip from 'adm-zip';
import { BOT_COMMANDS } from '../bot/commands';
import {
  AppPackageError,
  DASHBOARD_TAB_PATH,
  TEAMS_MANIFEST_VERSION,
  buildManifest,
  manifestAssetsDir,
  teamsSchemaFile,
  validateManifest,
  writeAppPackage,
} from './build-app-package';
import { DASHBOARD_PATH } from '../api/dashboard-route';
import { ICON_RULES, countPixels, iconProblems, readPng } from './icon-rules';

// A fictional Azure Bot registration; no real tenant or app uses it.
const BOT_ID = '6f1c2a9e-3b4d-4e5f-8a7b-1c2d3e4f5a6b';
const ENV = { BOT_ID, HEARD_PUBLIC_URL: 'https://heard.council.example/api/messages' };
const commandsIn = (scope: string) => BOT_COMMANDS.filter((c) => (c.scopes as readonly string[]).includes(scope)).map(({ title, description }) => ({ title, description }));

function errorOf(run: () => unknown): AppPackageError {
  try {
    run();
  } catch (e) {
    if (e instanceof AppPackageError) return e;
    throw e;
  }
  throw new Error('expected an AppPackageError');
}

describe('the Teams app manifest', () => {
  it(`validates offline against the official Teams v${TEAMS_MANIFEST_VERSION} schema once filled in`, () => {
    const manifest = buildManifest(ENV, BOT_COMMANDS);

    expect(teamsSchemaFile()).toContain(path.join('node_modules', '@microsoft', 'app-manifest'));
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${TEAMS_MANIFEST_VERSION}/MicrosoftTeams.schema.json`,
    );
    expect(manifest.manifestVersion).toBe(TEAMS_MANIFEST_VERSION);
    expect(validateManifest(manifest)).toEqual([]);
  });

  it('names a missing required field in plain words', () => {
    const { developer: _developer, ...withoutDeveloper } = buildManifest(ENV, BOT_COMMANDS);

    expect(validateManifest(withoutDeveloper)).toContain('manifest is missing the required field "developer"');
  });

  it('says where a bad bot id is and what was found', () => {
    const manifest = buildManifest({ ...ENV, BOT_ID: 'heard-bot' }, BOT_COMMANDS);

    expect(validateManifest(manifest)).toEqual(
      expect.arrayContaining(['bots[0].botId must be a GUID (found "heard-bot")', 'id must be a GUID (found "heard-bot")']),
    );
  });

  it('refuses to build without a bot id, naming the variable to set', () => {
    const error = errorOf(() => buildManifest({ HEARD_PUBLIC_URL: ENV.HEARD_PUBLIC_URL }, BOT_COMMANDS));

    expect(error.code).toBe('BOT_ID_MISSING');
    expect(error.message).toMatch(/BOT_ID is not set: set BOT_ID \(or MicrosoftAppId\)/);
  });

  it("takes the bot id from MicrosoftAppId too, and uses it as the Teams app id unless TEAMS_APP_ID is set", () => {
    const fromSdkVariable = buildManifest({ MicrosoftAppId: BOT_ID }, BOT_COMMANDS);
    expect(fromSdkVariable.bots?.[0].botId).toBe(BOT_ID);
    expect(fromSdkVariable.id).toBe(BOT_ID);

    const appId = '0b7e4d2c-9a1f-4c3e-b5d6-7e8f9a0b1c2d';
    expect(buildManifest({ ...ENV, TEAMS_APP_ID: appId }, BOT_COMMANDS).id).toBe(appId);
  });

  it('lists exactly the commands the bot understands in each of personal, team and group chat (statements only in personal)', () => {
    const [bot] = buildManifest(ENV, BOT_COMMANDS).bots ?? [];

    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(bot.supportsFiles).toBe(false);
    expect(bot.isNotificationOnly).toBe(false);
    expect(commandsIn('team').map((c) => c.title)).toEqual(['help', '10 working days before 12 March']);
    for (const scope of ['personal', 'team', 'groupChat'] as const) {
      const lists = (bot.commandLists ?? []).filter((list) => list.scopes.includes(scope));
      expect(lists).toHaveLength(1);
      expect(lists[0].commands).toEqual(commandsIn(scope));
      expect(lists[0].commands.length).toBeGreaterThan(0);
    }
  });

  it("gives validDomains the bot's public host, and none when HEARD_PUBLIC_URL is unset", () => {
    expect(buildManifest(ENV, BOT_COMMANDS).validDomains).toEqual(['heard.council.example']);
    expect(buildManifest({ BOT_ID }, BOT_COMMANDS).validDomains).toEqual([]);
    expect(errorOf(() => buildManifest({ BOT_ID, HEARD_PUBLIC_URL: 'heard' }, BOT_COMMANDS)).code).toBe(
      'PUBLIC_URL_INVALID',
    );
  });

  it("declares the personal Dashboard tab on Heard's public address beside the chat, with the tab's single sign-on when the Entra app is named", () => {
    const CLIENT = '0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b';
    const env = { BOT_ID, HEARD_PUBLIC_URL: 'https://heard.council.example' };
    const manifest = buildManifest({ ...env, HEARD_ENTRA_CLIENT_ID: CLIENT }, BOT_COMMANDS);
    expect(validateManifest(manifest)).toEqual([]);
    expect(manifest.staticTabs).toEqual([
      { entityId: 'conversations', scopes: ['personal'] },
      { entityId: 'dashboard', name: 'Dashboard', contentUrl: `https://heard.council.example${DASHBOARD_PATH}`, scopes: ['personal'] },
    ]);
    expect(manifest.webApplicationInfo).toEqual({ id: CLIENT, resource: `api://heard.council.example/${CLIENT}` });
    expect(DASHBOARD_TAB_PATH).toBe(DASHBOARD_PATH);
    expect(buildManifest(env, BOT_COMMANDS).webApplicationInfo).toBeUndefined();
    expect(buildManifest({ BOT_ID }, BOT_COMMANDS).staticTabs).toBeUndefined();
  });

  it('uses placeholder publisher links until the council sets its own', () => {
    expect(buildManifest(ENV, BOT_COMMANDS).developer).toEqual({
      name: 'Heard',
      websiteUrl: 'https://heard.example.org/',
      privacyUrl: 'https://heard.example.org/privacy',
      termsOfUseUrl: 'https://heard.example.org/terms',
    });
    const council = buildManifest(
      { ...ENV, HEARD_WEBSITE_URL: 'https://www.council.example/heard', HEARD_PRIVACY_URL: 'http://www.council.example/privacy' },
      BOT_COMMANDS,
    );
    expect(council.developer.websiteUrl).toBe('https://www.council.example/heard');
    expect(validateManifest(council)).toEqual([
      'developer.privacyUrl must be an https:// address (found "http://www.council.example/privacy")',
    ]);
  });

  it('takes its version from package.json unless HEARD_APP_VERSION is set', () => {
    const packageJson = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version: string };

    expect(buildManifest(ENV, BOT_COMMANDS).version).toBe(packageJson.version);
    expect(buildManifest({ ...ENV, HEARD_APP_VERSION: '2.3.4' }, BOT_COMMANDS).version).toBe('2.3.4');
  });

  it('refuses a template placeholder the packaging does not know', () => {
    const error = errorOf(() => buildManifest(ENV, BOT_COMMANDS, { id: '${{TEAMS_APP_ID}}', name: { short: '${{APP_NAME}}' } }));

    expect(error.code).toBe('TEMPLATE_PLACEHOLDER_UNKNOWN');
    expect(error.message).toContain('${{APP_NAME}}');
  });
});

describe('the app icons (Teams: colour 192×192 full colour; outline 32×32, white on transparent)', () => {
  const colour = fs.readFileSync(path.join(manifestAssetsDir(), 'color.png'));
  const outline = fs.readFileSync(path.join(manifestAssetsDir(), 'outline.png'));

  it('has a 192×192 full-colour icon', () => {
    const png = readPng(colour);

    expect([png.width, png.height, png.bitDepth]).toEqual([192, 192, 8]);
    expect([2, 6]).toContain(png.colourType);
    expect(countPixels(png, (r, g, b) => !(r === g && g === b))).toBeGreaterThan(0);
    expect(iconProblems('color.png', colour, ICON_RULES.color)).toEqual([]);
  });

  it('has a 32×32 outline icon whose pixels are only white or transparent', () => {
    const png = readPng(outline);

    expect([png.width, png.height, png.bitDepth, png.colourType]).toEqual([32, 32, 8, 6]);
    expect(countPixels(png, (r, g, b, a) => a > 0 && (r !== 255 || g !== 255 || b !== 255))).toBe(0);
    expect(countPixels(png, (_r, _g, _b, a) => a === 255)).toBeGreaterThan(0);
    expect(countPixels(png, (_r, _g, _b, a) => a === 0)).toBeGreaterThan(0);
    expect(iconProblems('outline.png', outline, ICON_RULES.outline)).toEqual([]);
  });

  it('rejects a colour image offered as the outline icon', () => {
    expect(iconProblems('outline.png', colour, ICON_RULES.outline)).toEqual([
      'outline.png is 192×192; Teams requires 32×32',
      'outline.png has no transparency; Teams requires a white outline on a transparent background',
    ]);
  });
});

describe('the app package', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-app-package-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is a zip of manifest.json, color.png and outline.png at its root, with the built manifest', () => {
    const manifest = buildManifest(ENV, BOT_COMMANDS);
    const written = writeAppPackage(manifest, path.join(dir, 'appPackage', 'heard.zip'));

    expect(written).toBe(path.join(dir, 'appPackage', 'heard.zip'));
    const zip = new AdmZip(written);
    expect(zip.getEntries().map((entry) => entry.entryName).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(JSON.parse(zip.readAsText('manifest.json'))).toEqual(manifest);
    expect(zip.readFile('outline.png')).toEqual(fs.readFileSync(path.join(manifestAssetsDir(), 'outline.png')));
  });

  it('is not written for an invalid manifest', () => {
    const manifest = buildManifest({ ...ENV, BOT_ID: 'heard-bot' }, BOT_COMMANDS);
    const target = path.join(dir, 'heard.zip');

    const error = errorOf(() => writeAppPackage(manifest, target));
    expect(error.code).toBe('MANIFEST_INVALID');
    expect(error.message).toContain('bots[0].botId must be a GUID (found "heard-bot")');
    expect(fs.existsSync(target)).toBe(false);
  });

  it('is not written when an icon breaks the rules', () => {
    const assets = path.join(dir, 'assets');
    fs.mkdirSync(assets);
    fs.copyFileSync(path.join(manifestAssetsDir(), 'color.png'), path.join(assets, 'color.png'));
    fs.copyFileSync(path.join(manifestAssetsDir(), 'color.png'), path.join(assets, 'outline.png'));
    const target = path.join(dir, 'heard.zip');

    const error = errorOf(() => writeAppPackage(buildManifest(ENV, BOT_COMMANDS), target, assets));
    expect(error.code).toBe('ICON_INVALID');
    expect(error.message).toContain('outline.png is 192×192; Teams requires 32×32');
    expect(fs.existsSync(target)).toBe(false);
  });
});
