#!/usr/bin/env node
'use strict';
/* global setTimeout, clearTimeout, fetch */
// `npm run demo`: Heard with a fictional council in the Microsoft 365 Agents Playground
// (Teams, emulated offline). On a fresh clone it installs and builds (only when needed,
// and never rewriting package-lock.json), seeds the demo council
// (scripts/demo/demo-council.ts) into .data/demo/heard.sqlite, starts Heard on PORT (3978)
// with the demo clock, and one Playground per role — the worker, their manager and the
// participation officer, each their own person with their own chat — and says which
// address is whose. Ctrl-C stops them all.
//
//   npm run demo                          install if needed, build, seed, start every role
//   npm run demo -- --as manager          only the manager's Playground (worker, manager, participation;
//                                         several with commas: --as worker,manager); or anyone of the
//                                         council by first name: --as jo (participation and duty
//                                         officer), --as hana (head of service, duty manager
//                                         and administrator: "settings" shows the admin card)
//   npm run demo -- --no-install          skip the install check
//   npm run demo -- --reset               start again from a freshly seeded store, at today's time
//   npm run demo -- send [email]          while the demo runs: a new statement from Mind Of My Own
//                                         (to Sam Patel, the worker, unless an address is given); add
//                                         --safety-link (the child triggered the Safety Link) or
//                                         --unidentified (a young person the apps could not identify)
//   npm run demo -- clock [jump]          while the demo runs: what time it is in the demo, or jump:
//                                         "next working morning", "+3 working days", "+2 hours"…
const { spawn, spawnSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const net = require('net');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const DEMO_DIR = path.join(ROOT, '.data', 'demo');
const STORE_FILE = path.join(DEMO_DIR, 'heard.sqlite');
const SECRETS_FILE = path.join(DEMO_DIR, 'local-secrets.json');
const CLOCK_FILE = path.join(DEMO_DIR, 'clock.json');
const HEARD_LOG = path.join(DEMO_DIR, 'heard.log');
const PLAYGROUND_CONFIG = path.join(ROOT, '.m365agentsplayground.yml');
const PLAYGROUND_CLI = path.join(ROOT, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');
const DIST = path.join(ROOT, 'dist');
const DEMO_COUNCIL = path.join(__dirname, 'demo', 'demo-council.ts');
const PORT = Number(process.env.PORT || 3978);
const PLAYGROUND_PORT = Number(process.env.HEARD_DEMO_PLAYGROUND_PORT || 56150);
const ROLES = ['worker', 'manager', 'participation'];
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
  if (args[0] === 'clock') return clock(args.slice(1).join(' '));
  const roles = rolesAsked(args);
  const unknown = args.filter((a, i) => !['--no-install', '--reset', '--as'].includes(a) && !a.startsWith('--as=') && args[i - 1] !== '--as');
  if (unknown.length > 0) fail(`npm run demo: unknown option ${unknown.join(' ')} (options: --as worker|manager|participation|<first name>, --no-install, --reset; or: send [email] [--safety-link|--unidentified], clock [jump])`);

  if (!args.includes('--no-install')) install();
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
    fs.rmSync(CLOCK_FILE, { force: true });
  }
  const seeded = await seed();

  fs.mkdirSync(DEMO_DIR, { recursive: true });
  const heardLog = fs.openSync(HEARD_LOG, 'a');
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
    say('\nStopping Heard and the Playgrounds…');
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
    env: { ...localEnv(), PORT: String(PORT), HOST, HEARD_STORE: STORE_FILE, HEARD_DEMO_CLOCK: CLOCK_FILE },
    stdio: ['ignore', 'pipe', heardLog],
  });
  watch(heard, 'Heard', HEARD_LOG);
  const listening = await firstLine(heard, /^\{"port":\d+/, 30000, 'Heard', HEARD_LOG);
  const heardPort = JSON.parse(listening).port;
  heard.stdout.on('data', (chunk) => fs.appendFileSync(HEARD_LOG, chunk));

  // One Playground per person asked for: each is one person (its current user) with their own chat.
  const { DEMO_PEOPLE, DEMO_ROLE_DUTIES, DEMO_TEAMS, playgroundConfigFor } = demoCouncil();
  const base = fs.readFileSync(PLAYGROUND_CONFIG, 'utf8');
  const opened = [];
  for (const [i, { role, person }] of roles.entries()) {
    const config = path.join(DEMO_DIR, `playground-${role}.yml`);
    fs.writeFileSync(config, playgroundConfigFor(person, base));
    const log = path.join(DEMO_DIR, `playground-${role}.log`);
    const logFd = fs.openSync(log, 'a');
    const playground = spawn(
      process.execPath,
      [PLAYGROUND_CLI, '--app-endpoint', `http://${HOST}:${heardPort}/api/messages`, '--channel-id', 'msteams', '--port', String(PLAYGROUND_PORT + i), '--disable-telemetry'],
      {
        cwd: ROOT,
        env: {
          ...localEnv(),
          TEAMSAPPTESTER_BROWSER: 'none',
          M365_AGENTS_PLAYGROUND_CONFIG_PATH: config,
          M365_AGENTS_PLAYGROUND_LOGFILE: path.join(DEMO_DIR, `playground-${role}-events.log`),
        },
        stdio: ['ignore', 'pipe', logFd],
      },
    );
    watch(playground, `The Agents Playground of ${person.name}`, log);
    opened.push({ role, person, log, started: firstLine(playground, /^Listening on \d+/, 60000, `The Agents Playground of ${person.name}`, log), playground });
  }
  for (const o of opened) {
    // It takes another port when the one asked for is taken: read the one it chose.
    o.port = /(\d+)\s*$/.exec(await o.started)[1];
    o.playground.stdout.on('data', (chunk) => fs.appendFileSync(o.log, chunk));
  }

  const time = await demoTime(heardPort);
  const teamOf = (p) => DEMO_TEAMS.find((t) => t.id === p.teamId)?.name ?? null;
  const playing = new Set(opened.map((o) => o.person.id));
  const others = DEMO_PEOPLE.filter((p) => !playing.has(p.id)).map((p) => `${p.name} (${p.roles.map((r) => ROLE_WORDS[r] ?? r).join(', ')})`);
  say('');
  say('Heard is running with a fictional council (no real people or children).');
  say(`It is ${time} in the demo.`);
  say('');
  say(opened.length === 1 ? '  Open this address in your browser (the Microsoft 365 Agents Playground: Teams, offline):' : '  Open each address in its own browser tab (the Microsoft 365 Agents Playground: Teams, offline); each is one person:');
  for (const o of opened) {
    const team = teamOf(o.person);
    const duties = DEMO_ROLE_DUTIES[o.role] ?? o.person.roles.map((r) => ROLE_WORDS[r] ?? r).join(' and ');
    say(`    http://localhost:${o.port}   you are ${o.person.name}, ${ROLE_WORDS[o.person.roles[0]]}${team ? ` of the ${team} team` : ''}: ${duties}`);
  }
  if (opened.some((o) => o.person.roles.includes('manager'))) say('  As team manager: npm run demo -- send --safety-link, then record the follow-up on the card.');
  if (opened.some((o) => o.person.roles.includes('duty-officer'))) say('  As duty officer: npm run demo -- send --unidentified, then take the duty procedure\'s steps on the card.');
  say('');
  say('  Each chat shows what is waiting for that person as cards: try Acknowledge, Saved to case record, Child told');
  say('  or Not for me, and type "help", "my statements", "what\'s due this week?" (visits and reviews of the demo\'s');
  say('  cases beside the statements) or "what\'s due for my team this week?".');
  if (seeded.statementsCreated === 0) {
    say('  (This demo store was seeded before and the Playground starts with an empty chat: type "my statements" to see');
    say('  the cards again, or start afresh with: npm run demo -- --reset)');
  }
  if (others.length > 0) say(`  Also in the council: ${others.join(', ')}.`);
  say('');
  say('  From another terminal:');
  say('    npm run demo -- send                          a new statement from Mind Of My Own, to Sam Patel');
  say('    npm run demo -- send --safety-link            … with the Safety Link triggered (to Sam and the team manager)');
  say('    npm run demo -- clock "next working morning"  jump to 09:00 of the next working day: the morning digests');
  say('    npm run demo -- clock "+3 working days"       jump three working days: reminders, then escalations to the manager');
  say(`  Heard: http://${HOST}:${heardPort}  store ${path.relative(ROOT, STORE_FILE)}  logs ${path.relative(ROOT, HEARD_LOG)}, ${path.relative(ROOT, DEMO_DIR)}/playground-*.log`);
  say('');
  say(`  Ctrl-C stops Heard and the Playground${opened.length > 1 ? 's' : ''}.`);
}

/** Writes the demo directory and statements into the demo store (nothing changes if already there). */
async function seed() {
  const { openStore } = require(path.join(DIST, 'storage', 'index.js'));
  const { loadOrganisation } = require(path.join(DIST, 'domain', 'organisation.js'));
  const { StatementService } = require(path.join(DIST, 'domain', 'statement-service.js'));
  const { CaseWorkService } = require(path.join(DIST, 'domain', 'case-work-service.js'));
  const { seedDemoCouncil, prepareDemoSettings } = demoCouncil();
  fs.mkdirSync(DEMO_DIR, { recursive: true });
  const store = await openStore({ kind: 'embedded', file: STORE_FILE });
  try {
    // The case packs, so the demo's cases run their clocks (before the organisation is read).
    await prepareDemoSettings(store.settings);
    const organisation = await loadOrganisation(store.settings);
    // The demo's own time: where an earlier run's clock jumps left it.
    const now = () => Math.floor(Date.now() / 1000) + clockOffset();
    const { standards, packs, calendar, nudgePolicy } = organisation;
    const service = new StatementService({ store, standards, packs, calendar, nudgePolicy, now });
    const caseWork = new CaseWorkService({ store, standards, packs, calendar, nudgePolicy, now });
    const result = await seedDemoCouncil(store, { service, caseWork }, now());
    say(
      result.statementsCreated + result.caseEvents > 0
        ? `Seeded the demo council into ${path.relative(ROOT, STORE_FILE)}: ${result.people} people, ${result.statementsCreated} statements, ${result.caseEvents} case events.`
        : `Using the demo council already in ${path.relative(ROOT, STORE_FILE)}.`,
    );
    return result;
  } finally {
    await store.close();
  }
}

/** `npm run demo -- send [email] [--safety-link|--unidentified]`: a new fictional statement through Heard's signed intake API, at the demo's time. */
async function send(args) {
  const flags = { complaint: false, safetyLink: args.includes('--safety-link'), unidentified: args.includes('--unidentified') };
  const email = args.find((a) => !a.startsWith('--'));
  const unknown = args.filter((a) => a.startsWith('--') && a !== '--safety-link' && a !== '--unidentified');
  if (unknown.length > 0) fail(`npm run demo -- send: unknown option ${unknown.join(' ')} (options: --safety-link, --unidentified)`);
  const { signIntake } = require(path.join(DIST, 'api', 'intake-signature.js'));
  const { DEMO_CURRENT_USER, fictionalStatementPdf } = demoCouncil();
  if (!fs.existsSync(SECRETS_FILE)) fail(`${path.relative(ROOT, SECRETS_FILE)} is missing: start the demo first (npm run demo).`);
  const secret = JSON.parse(fs.readFileSync(SECRETS_FILE, 'utf8')).HEARD_INTAKE_SECRET;
  const clockNow = await demoClock('GET');
  const now = Math.floor(Date.parse(clockNow.now) / 1000);
  const reference = `CR-${30000 + crypto.randomInt(10000)}`;
  const letters = 'ABCDEFGHJKLMNPRSTW';
  const initials = `${letters[crypto.randomInt(letters.length)]}${letters[crypto.randomInt(letters.length)]}`;
  const pdf = await fictionalStatementPdf({ reference, initials, type: 'my-world', sentAt: now });
  const body = JSON.stringify({
    externalId: `demo-send-${now}-${crypto.randomInt(1000)}`,
    sentAt: new Date(now * 1000).toISOString(),
    child: { reference, initials },
    type: 'my-world',
    intendedRecipient: { kind: 'person', email: email ?? DEMO_CURRENT_USER.email },
    flags,
    pdf: pdf.toString('base64'),
  });
  const response = await fetch(`http://${HOST}:${PORT}/api/statements`, {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'application/json', 'X-Heard-Timestamp': String(now), 'X-Heard-Signature': signIntake({ secret, timestamp: now, body }) },
  });
  const result = await response.json();
  if (!response.ok) fail(`Heard refused the statement (${response.status}): ${JSON.stringify(result)}`);
  const what = flags.unidentified
    ? 'a statement from an unidentified young person (Heard keeps only its statement id)'
    : `${flags.safetyLink ? 'a Safety Link statement' : 'statement'} ${reference} · ${initials}`;
  say(`Sent ${what} to ${email ?? DEMO_CURRENT_USER.email}: ${result.status}${result.routedBy ? ` (${result.routedBy})` : ''}.`);
}

/**
 * `npm run demo -- clock [jump]`: the demo's time, or a jump (Heard sweeps at once, so the
 * nudges, escalations and digests that fall due arrive in the chats). Talks to the running
 * demo over loopback: the clock is the council's, not one person's, so it is not a chat command.
 */
async function clock(jump) {
  const before = await demoClock('GET');
  if (!jump) return say(`It is ${localTime(before.now)} in the demo (${formatOffset(before.offsetSeconds)}).`);
  const after = await demoClock('POST', jump);
  say(`It is now ${localTime(after.now)} in the demo (it was ${localTime(after.from)}). Heard is sweeping: watch the chats.`);
}

async function demoClock(method, jump) {
  const url = `http://${HOST}:${PORT}/api/demo/clock${jump ? `?jump=${encodeURIComponent(jump)}` : ''}`;
  let response;
  try {
    response = await fetch(url, { method });
  } catch {
    fail(`Heard is not answering on http://${HOST}:${PORT}: start the demo first (npm run demo).`);
  }
  const body = await response.json();
  if (response.status === 404) fail('This Heard has no demo clock: it was not started by npm run demo.');
  if (!response.ok) fail(`Heard refused: ${body.error ? body.error.message : response.status}`);
  return body;
}

/** The demo's time as the running Heard says, for the banner. */
async function demoTime(port) {
  const response = await fetch(`http://${HOST}:${port}/api/demo/clock`);
  const body = await response.json();
  return localTime(body.now);
}

function localTime(iso) {
  return new Date(iso).toLocaleString('en-GB', { timeZone: 'Europe/London', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

function formatOffset(seconds) {
  if (seconds < 60) return 'real time';
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor((seconds % 86400) / 3600);
  return `${days > 0 ? `${days} d ` : ''}${hours} h ${Math.floor((seconds % 3600) / 60)} min ahead of real time; npm run demo -- --reset goes back`;
}

/** The demo clock's offset kept by an earlier run (0 before the first jump). */
function clockOffset() {
  try {
    return JSON.parse(fs.readFileSync(CLOCK_FILE, 'utf8')).offsetSeconds || 0;
  } catch {
    return 0;
  }
}

/**
 * `--as worker,manager` (or repeated): whom to open a Playground for — a role of the demo
 * (worker, manager, participation) or anyone of the council by first name or address;
 * the three roles by default. Each is `{ role, person }` (`role` is the name asked for).
 */
function rolesAsked(args) {
  const asked = [];
  args.forEach((a, i) => {
    if (a === '--as') asked.push(...String(args[i + 1] ?? '').split(','));
    else if (a.startsWith('--as=')) asked.push(...a.slice(5).split(','));
  });
  const wanted = asked.map((r) => r.trim().toLowerCase()).filter(Boolean);
  if (args.includes('--as') && wanted.length === 0) fail(`npm run demo: --as takes ${ROLES.join(', ')} or a first name (or several, with commas)`);
  const { DEMO_PEOPLE, DEMO_ROLES } = demoCouncil();
  const seats = (wanted.length > 0 ? wanted : ROLES).map((name) => {
    if (ROLES.includes(name)) return { role: name, person: DEMO_ROLES[name] };
    const person = DEMO_PEOPLE.find((p) => p.email === name || p.name.split(' ')[0].toLowerCase() === name);
    if (!person) fail(`npm run demo: --as ${name} is neither a role (${ROLES.join(', ')}) nor anyone in the demo council (${DEMO_PEOPLE.map((p) => p.name.split(' ')[0].toLowerCase()).join(', ')})`);
    return { role: person.name.split(' ')[0].toLowerCase(), person };
  });
  return seats.filter((seat, i) => seats.findIndex((other) => other.person.id === seat.person.id) === i);
}

/**
 * Installs and builds only when needed — no node_modules yet, or package.json or the
 * lock newer than what npm last installed — and never rewrites package-lock.json: a
 * first install is `npm ci` (exactly the lock), a later one `npm install --no-save`.
 */
function install() {
  const installed = path.join(ROOT, 'node_modules', '.package-lock.json');
  const mtime = (f) => (fs.existsSync(f) ? fs.statSync(f).mtimeMs : 0);
  const fresh = !fs.existsSync(installed);
  const stale = fresh || Math.max(mtime(path.join(ROOT, 'package.json')), mtime(path.join(ROOT, 'package-lock.json'))) > mtime(installed);
  if (!stale && fs.existsSync(path.join(DIST, 'bot', 'main.js'))) return;
  const command = fresh ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-save', '--no-audit', '--no-fund'];
  say(
    fresh
      ? 'Installing Heard and its tools for the first time (npm ci, about 850 packages): about 3 minutes (2 min 45 s measured on a 2-core machine), a minute more if better-sqlite3 has to be compiled; then it builds.'
      : 'Bringing the installed packages up to date (npm install --no-save) and building…',
  );
  const started = Date.now();
  const npm = spawnSync('npm', command, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (npm.status !== 0) fail(`npm ${command[0]} failed (see above), so the demo cannot start.`);
  say(`Installed and built in ${Math.round((Date.now() - started) / 1000)} s.`);
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
