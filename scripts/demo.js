#!/usr/bin/env node
'use strict';
/* global setTimeout, clearTimeout, fetch, Buffer */
// `npm run demo`: Heard with a fictional council in the Microsoft 365 Agents Playground
// (Teams, emulated offline). On a fresh clone it installs and builds, seeds the demo
// council (scripts/demo/demo-council.ts) into .data/demo/heard.sqlite, starts Heard on PORT (3978)
// and the Playground with .m365agentsplayground.yml, and says which address to open and
// who you are. Ctrl-C stops both.
//
//   npm run demo                      install, build, seed, start
//   npm run demo -- --no-install      skip `npm install` (already installed and built)
//   npm run demo -- --reset           start again from a freshly seeded store
//   npm run demo -- --as priya        be someone else of the council in the Playground (a first
//                                     name or an address): priya (team manager), jo (participation
//                                     and duty officer), hana (head of service and duty manager)…
//   npm run demo -- send [email]      while the demo runs: a new statement from Mind Of My Own
//                                     (to Sam Patel unless an address is given); add --safety-link
//                                     (the child triggered the Safety Link) or --unidentified
const { spawn, spawnSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const net = require('net');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const DEMO_DIR = path.join(ROOT, '.data', 'demo');
const STORE_FILE = path.join(DEMO_DIR, 'heard.sqlite');
const SECRETS_FILE = path.join(DEMO_DIR, 'local-secrets.json');
const HEARD_LOG = path.join(DEMO_DIR, 'heard.log');
const PLAYGROUND_LOG = path.join(DEMO_DIR, 'playground.log');
const PLAYGROUND_CONFIG = path.join(ROOT, '.m365agentsplayground.yml');
const PLAYGROUND_CLI = path.join(ROOT, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');
const DIST = path.join(ROOT, 'dist');
const DEMO_COUNCIL = path.join(__dirname, 'demo', 'demo-council.ts');
const PORT = Number(process.env.PORT || 3978);
const PLAYGROUND_PORT = Number(process.env.HEARD_DEMO_PLAYGROUND_PORT || 56150);
// Loopback only: a local run accepts Teams requests without authentication.
const HOST = '127.0.0.1';

const ROLE_WORDS = {
  worker: 'social worker',
  manager: 'team manager',
  participation: 'participation officer',
  'complaints-officer': 'complaints officer',
  'head-of-service': 'head of service',
  'duty-manager': 'duty manager',
  'duty-officer': 'duty officer',
  admin: 'administrator',
};

function say(line = '') {
  process.stdout.write(`${line}\n`);
}

function fail(message) {
  process.stderr.write(`\n${message}\n`);
  process.exit(1);
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === 'send') return send(args.slice(1));
  const asIndex = args.indexOf('--as');
  const as = asIndex >= 0 ? args[asIndex + 1] : undefined;
  if (asIndex >= 0 && !as) fail('npm run demo: --as needs a first name or an address, e.g. --as priya');
  const unknown = args.filter((a, i) => !['--no-install', '--reset', '--as'].includes(a) && !(asIndex >= 0 && i === asIndex + 1));
  if (unknown.length > 0) fail(`npm run demo: unknown option ${unknown.join(' ')} (options: --no-install, --reset, --as <name>; or: send [email] [--safety-link|--unidentified])`);

  if (!args.includes('--no-install')) {
    say('Installing and building Heard (npm install)…');
    const npm = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
    if (npm.status !== 0) fail('npm install failed (see above), so the demo cannot start.');
  }
  for (const file of [path.join(DIST, 'bot', 'main.js'), PLAYGROUND_CLI]) {
    if (!fs.existsSync(file)) fail(`${path.relative(ROOT, file)} is missing: run npm install (it builds Heard), then npm run demo again.`);
  }

  if (!(await portIsFree(PORT))) {
    fail(
      `Port ${PORT} is already in use, so Heard cannot listen on it.\n` +
        `Another Heard (npm start, or an earlier npm run demo) or another bot is probably running: stop it and try again,\n` +
        `or run the demo on another port: PORT=${PORT + 1} npm run demo`,
    );
  }

  if (args.includes('--reset')) {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${STORE_FILE}${suffix}`, { force: true });
  }
  const seeded = await seed();
  const { you, configFile } = playgroundAs(as);

  fs.mkdirSync(DEMO_DIR, { recursive: true });
  const heardLog = fs.openSync(HEARD_LOG, 'a');
  const playgroundLog = fs.openSync(PLAYGROUND_LOG, 'a');
  const children = [];
  let stopping = false;

  const stopAll = (code) => {
    if (stopping) return;
    stopping = true;
    const exits = children.filter((c) => c.exitCode === null && c.signalCode === null).map((c) => new Promise((resolve) => c.once('exit', resolve)));
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
    const force = setTimeout(() => {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    }, 5000);
    Promise.all(exits).then(() => {
      clearTimeout(force);
      process.exit(code);
    });
  };
  process.on('SIGINT', () => {
    say('\nStopping Heard and the Playground…');
    stopAll(0);
  });
  process.on('SIGTERM', () => stopAll(0));

  const watch = (child, name, log) => {
    children.push(child);
    child.on('exit', (code, signal) => {
      // Ctrl-C reaches the children too: give our own SIGINT handler the chance to run first.
      setTimeout(() => {
        if (stopping) return;
        process.stderr.write(`\n${name} stopped unexpectedly (${signal ?? `exit code ${code}`}). Its last lines, from ${path.relative(ROOT, log)}:\n${tail(log)}\n`);
        stopAll(1);
      }, 200);
    });
  };

  const heard = spawn(process.execPath, [path.join(DIST, 'bot', 'main.js')], {
    cwd: ROOT,
    env: { ...localEnv(), PORT: String(PORT), HOST, HEARD_STORE: STORE_FILE },
    stdio: ['ignore', 'pipe', heardLog],
  });
  watch(heard, 'Heard', HEARD_LOG);
  const listening = await firstLine(heard, /^\{"port":\d+/, 30000, 'Heard', HEARD_LOG);
  const heardPort = JSON.parse(listening).port;
  heard.stdout.on('data', (chunk) => fs.appendFileSync(HEARD_LOG, chunk));

  const playground = spawn(
    process.execPath,
    [PLAYGROUND_CLI, '--app-endpoint', `http://${HOST}:${heardPort}/api/messages`, '--channel-id', 'msteams', '--port', String(PLAYGROUND_PORT), '--disable-telemetry'],
    {
      cwd: ROOT,
      env: {
        ...localEnv(),
        TEAMSAPPTESTER_BROWSER: 'none',
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: configFile,
        M365_AGENTS_PLAYGROUND_LOGFILE: path.join(DEMO_DIR, 'playground-events.log'),
      },
      stdio: ['ignore', 'pipe', playgroundLog],
    },
  );
  watch(playground, 'The Agents Playground', PLAYGROUND_LOG);
  // It takes another port when the one asked for is taken: read the one it chose.
  const playgroundPort = /(\d+)\s*$/.exec(await firstLine(playground, /^Listening on \d+/, 60000, 'The Agents Playground', PLAYGROUND_LOG))[1];
  playground.stdout.on('data', (chunk) => fs.appendFileSync(PLAYGROUND_LOG, chunk));

  const { DEMO_PEOPLE, DEMO_TEAMS } = demoCouncil();
  const others = DEMO_PEOPLE.filter((p) => p.id !== you.id).map((p) => `${p.name} (${p.roles.map((r) => ROLE_WORDS[r] ?? r).join(', ')})`);
  const team = DEMO_TEAMS.find((t) => t.id === you.teamId)?.name ?? null;
  say('');
  say('Heard is running with a fictional council (no real people or children).');
  say('');
  say(`  Open  http://localhost:${playgroundPort}  in your browser: the Microsoft 365 Agents Playground (Teams, offline).`);
  say('');
  say(`  You are ${you.name} <${you.email}>, ${you.roles.map((r) => ROLE_WORDS[r] ?? r).join(' and ')}${team ? ` in the ${team} team` : ''}.`);
  say('  Your personal chat with Heard shows what is waiting for you as cards: try Acknowledge, Saved to case record,');
  say('  Child told or Not for me. Type "help" or "my statements".');
  if (you.roles.includes('manager')) say('  As team manager: npm run demo -- send --safety-link, then record the follow-up on the card.');
  if (you.roles.includes('duty-officer')) say('  As duty officer: npm run demo -- send --unidentified, then take the duty procedure\'s steps on the card.');
  if (seeded.statementsCreated === 0) {
    say('  (This demo store was seeded before and the Playground starts with an empty chat: type "my statements" to see');
    say('  your cards again, or start afresh with: npm run demo -- --reset)');
  }
  say(`  Also in the council: ${others.join(', ')}.`);
  say('');
  say('  Send a new statement (from another terminal):  npm run demo -- send  (add --safety-link or --unidentified)');
  say('  Be someone else:  npm run demo -- --no-install --as priya  (team manager), --as jo (duty officer), --as hana (duty manager)');
  say(`  Heard: http://${HOST}:${heardPort}  store ${path.relative(ROOT, STORE_FILE)}  logs ${path.relative(ROOT, HEARD_LOG)}, ${path.relative(ROOT, PLAYGROUND_LOG)}`);
  say('');
  say('  Ctrl-C stops Heard and the Playground.');
}

/** Writes the demo directory and statements into the demo store (nothing changes if already there). */
async function seed() {
  const { openStore } = require(path.join(DIST, 'storage', 'index.js'));
  const { loadOrganisation } = require(path.join(DIST, 'domain', 'organisation.js'));
  const { StatementService } = require(path.join(DIST, 'domain', 'statement-service.js'));
  const { seedDemoCouncil } = demoCouncil();
  fs.mkdirSync(DEMO_DIR, { recursive: true });
  const store = await openStore({ kind: 'embedded', file: STORE_FILE });
  try {
    const organisation = await loadOrganisation(store.settings);
    const now = () => Math.floor(Date.now() / 1000);
    const service = new StatementService({ store, standards: organisation.standards, packs: organisation.packs, calendar: organisation.calendar, now });
    const result = await seedDemoCouncil(store, service, now());
    say(
      result.statementsCreated > 0
        ? `Seeded the demo council into ${path.relative(ROOT, STORE_FILE)}: ${result.people} people, ${result.statementsCreated} statements.`
        : `Using the demo council already in ${path.relative(ROOT, STORE_FILE)}.`,
    );
    return result;
  } finally {
    await store.close();
  }
}

/**
 * Who you are in the Playground: Sam Patel (the configuration as it is), or someone else
 * of the council named by first name or address, with a configuration written for them.
 */
function playgroundAs(as) {
  const { DEMO_PEOPLE, DEMO_CURRENT_USER, playgroundConfigAs } = demoCouncil();
  if (!as) return { you: DEMO_CURRENT_USER, configFile: PLAYGROUND_CONFIG };
  const wanted = as.trim().toLowerCase();
  const you = DEMO_PEOPLE.find((p) => p.email === wanted || p.name.split(' ')[0].toLowerCase() === wanted);
  if (!you) fail(`npm run demo: --as ${as} is nobody in the demo council (try ${DEMO_PEOPLE.map((p) => p.name.split(' ')[0].toLowerCase()).join(', ')})`);
  const YAML = require('yaml');
  const config = playgroundConfigAs(YAML.parse(fs.readFileSync(PLAYGROUND_CONFIG, 'utf8')), you.email);
  const configFile = path.join(DEMO_DIR, `playground-as-${you.name.split(' ')[0].toLowerCase()}.yml`);
  fs.writeFileSync(configFile, `# Written by npm run demo -- --as ${as}: .m365agentsplayground.yml with ${you.name} as you.\n${YAML.stringify(config)}`);
  return { you, configFile };
}

/** `npm run demo -- send [email] [--safety-link|--unidentified]`: a new fictional statement through Heard's signed intake API. */
async function send(args) {
  const flags = { complaint: false, safetyLink: args.includes('--safety-link'), unidentified: args.includes('--unidentified') };
  const email = args.find((a) => !a.startsWith('--'));
  const unknown = args.filter((a) => a.startsWith('--') && a !== '--safety-link' && a !== '--unidentified');
  if (unknown.length > 0) fail(`npm run demo -- send: unknown option ${unknown.join(' ')} (options: --safety-link, --unidentified)`);
  const { signIntake } = require(path.join(DIST, 'api', 'intake-signature.js'));
  const { DEMO_CURRENT_USER } = demoCouncil();
  if (!fs.existsSync(SECRETS_FILE)) fail(`${path.relative(ROOT, SECRETS_FILE)} is missing: start the demo first (npm run demo).`);
  const secret = JSON.parse(fs.readFileSync(SECRETS_FILE, 'utf8')).HEARD_INTAKE_SECRET;
  const now = Math.floor(Date.now() / 1000);
  const reference = `CR-${30000 + crypto.randomInt(10000)}`;
  const letters = 'ABCDEFGHJKLMNPRSTW';
  const initials = `${letters[crypto.randomInt(letters.length)]}${letters[crypto.randomInt(letters.length)]}`;
  const pdf = Buffer.from(`%PDF-1.4\n% Fictional demo statement ${reference}. Not a real child.\n%%EOF\n`, 'latin1');
  const body = JSON.stringify({
    externalId: `demo-send-${now}-${crypto.randomInt(1000)}`,
    sentAt: new Date(now * 1000).toISOString(),
    child: { reference, initials },
    type: 'my-world',
    intendedRecipient: { kind: 'person', email: email ?? DEMO_CURRENT_USER.email },
    flags,
    pdf: pdf.toString('base64'),
  });
  let response;
  try {
    response = await fetch(`http://${HOST}:${PORT}/api/statements`, {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/json', 'X-Heard-Timestamp': String(now), 'X-Heard-Signature': signIntake({ secret, timestamp: now, body }) },
    });
  } catch {
    fail(`Heard is not answering on http://${HOST}:${PORT}: start the demo first (npm run demo).`);
  }
  const result = await response.json();
  if (!response.ok) fail(`Heard refused the statement (${response.status}): ${JSON.stringify(result)}`);
  const what = flags.unidentified
    ? 'a statement from an unidentified young person (Heard keeps only its statement id)'
    : `${flags.safetyLink ? 'a Safety Link statement' : 'statement'} ${reference} · ${initials}`;
  say(`Sent ${what} to ${email ?? DEMO_CURRENT_USER.email}: ${result.status}${result.routedBy ? ` (${result.routedBy})` : ''}.`);
}

/**
 * The fictional council, from its TypeScript source: demo data is no part of Heard's
 * build (dist/), so it is loaded through tsx, which `npm install` brings with the
 * development tools the demo needs anyway (the Playground).
 */
function demoCouncil() {
  require('tsx/cjs/api').register();
  return require(DEMO_COUNCIL);
}

/** A local run: no Bot Framework credentials (anonymous, for the Playground) and the embedded store. */
function localEnv() {
  const env = { ...process.env };
  for (const name of ['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppTenantId', 'MicrosoftAppType', 'MONGODB_URI', 'HEARD_PUBLIC_URL', 'HOST']) delete env[name];
  return env;
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, HOST, () => server.close(() => resolve(true)));
  });
}

/** The first line of a child's stdout matching `pattern`. */
function firstLine(child, pattern, timeoutMs, name, log) {
  return new Promise((resolve) => {
    let buffered = '';
    const timer = setTimeout(() => {
      process.stderr.write(`\n${name} did not start within ${timeoutMs / 1000} s. Its last lines, from ${path.relative(ROOT, log)}:\n${tail(log)}\n`);
      child.kill('SIGKILL');
    }, timeoutMs);
    const onData = (chunk) => {
      buffered += chunk.toString('utf8');
      fs.appendFileSync(log, chunk);
      const line = buffered.split('\n').find((l) => pattern.test(l.trim()));
      if (line === undefined) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      resolve(line.trim());
    };
    child.stdout.on('data', onData);
    child.once('exit', () => clearTimeout(timer));
  });
}

function tail(file) {
  try {
    return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-15).join('\n');
  } catch {
    return '(no output)';
  }
}

main().catch((error) => fail(`The demo failed: ${error && error.stack ? error.stack : String(error)}`));
