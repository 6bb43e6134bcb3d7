import * as fs from 'fs';
import * as os from 'os';
import { parse as parseYaml } from 'yaml';
import { CONFIGURABLE_ROLES, ConfigurationService, type ConfigurationActor, type Impact, type RolePlan } from '../domain/configuration-service';
import { replayPeriodProblem } from '../domain/replay';
import { isSettingKey, problemLine, SETTING_KEY_LIST, type SettingProblem } from '../domain/settings-registry';
import type { AuditEvent } from '../domain/audit-event';
import type { Store } from '../domain/ports/store.port';
import { formatInstant, formatLocalInstant, loadBuiltInStandards } from '../standards';
import { configurationText, impactText, historyText, rolePlanText } from './config-text';
import { editValue, entryOf, parseConfigPath, valueOf } from './config-paths';
import { UsageError } from './usage-error';

/**
 * `heard config`: the organisation's configuration from the command line — `show`,
 * `history`, `validate`, and the edits `set`, `unset`, `add`, `remove` (each with
 * `--dry-run`: what would move, and a replay of a past period under the change).
 */

/** The flags of `heard config`. */
export interface ConfigFlags {
  json?: boolean;
  dryRun?: boolean;
  /** The administrator making the change, by e-mail (else the operating-system user). */
  actor?: string;
  /** The replay's period (inclusive local dates); the three months before this one by default. */
  from?: string;
  to?: string;
  /** A configuration file: settings (and `roles`) by key, in JSON or YAML. */
  file?: string;
}

/** What the command prints on stdout, and problems for stderr when refused. */
export type ConfigOutput = { ok: true; text: string } | { ok: false; problems: string[] };

const SUBCOMMANDS = ['show', 'history', 'validate', 'set', 'unset', 'add', 'remove'];

const USAGE = `usage:
  heard config help
  heard config show [<setting>] [--json]
  heard config history [<setting>] [--json]
  heard config validate [<file.json|file.yaml>]
  heard config set <path> <value> [--dry-run] [--from <date> --to <date>] [--actor <email>] [--json]
  heard config set --file <file.json|file.yaml> [--dry-run] …
  heard config unset <path> …    heard config add <path> <value> …    heard config remove <path> <value> …
paths: ${SETTING_KEY_LIST.join(', ')}, roles.<${CONFIGURABLE_ROLES.join('|')}>, and fields inside them:
  calendar.week.fri, calendar.closures, standards.momo.2.1, nudge-policy.reminders, retention.pdfDays`;

/**
 * What `heard config <sub>` needs before a store is opened: its usage for `help` (null
 * otherwise), and a refusal — one line, as every refusal of the command line — for a
 * subcommand missing or unknown.
 *
 * @example
 * configHelp('help'); // 'usage:\n  heard config help\n…'
 */
export function configHelp(sub: string | undefined): string | null {
  if (sub === 'help') return USAGE;
  if (sub === undefined || !SUBCOMMANDS.includes(sub)) subcommandRefused(sub);
  return null;
}

function subcommandRefused(sub: string | undefined): never {
  throw new UsageError(`${sub === undefined ? 'heard config needs a subcommand' : `unknown subcommand "${sub}"`}: ${SUBCOMMANDS.slice(0, -1).join(', ')} or ${SUBCOMMANDS[SUBCOMMANDS.length - 1]} (heard config help says more)`);
}

function refused(problems: SettingProblem[]): ConfigOutput {
  return { ok: false, problems: problems.map(problemLine) };
}

/**
 * Runs one `heard config` subcommand against the store.
 *
 * @example
 * const out = await runConfig(store, 'set', ['calendar.division', 'scotland'], { dryRun: true }, now);
 */
export async function runConfig(store: Store, sub: string | undefined, args: string[], flags: ConfigFlags, now: () => number): Promise<ConfigOutput> {
  const builtIn = loadBuiltInStandards();
  const config = new ConfigurationService({ store, now, builtIn });
  const ids = new Set(builtIn.map((s) => s.id));
  switch (sub) {
    case 'show':
      return show(store, config, args, flags, now);
    case 'history': {
      if (args.length > 1) throw new UsageError('usage: heard config history [<setting>] [--json]');
      const events = await config.history(args[0]);
      const people = new Map((await store.directory.listPeople()).map((p) => [p.id, p.email]));
      return { ok: true, text: flags.json ? JSON.stringify(events.map(eventJson)) : historyText(events, (id) => people.get(id)) };
    }
    case 'validate':
      return validate(config, args, flags);
    case 'set':
    case 'unset':
    case 'add':
    case 'remove': {
      const actor = await actorOf(store, flags.actor);
      if (flags.file !== undefined) {
        if (sub !== 'set' || args.length > 0) throw new UsageError('--file goes with heard config set alone: heard config set --file <file>');
        return change(config, readConfigFile(flags.file), actor, flags);
      }
      const [pathText, ...words] = args;
      if (!pathText) throw new UsageError(`heard config ${sub} needs a path, e.g. calendar.closures (heard config help lists them)`);
      const path = parseConfigPath(pathText, ids);
      if (sub === 'unset' && words.length > 0) throw new UsageError('heard config unset takes a path alone');
      if ((sub === 'set' || sub === 'remove') && words.length === 0) throw new UsageError(`heard config ${sub} ${pathText} needs a value`);
      if (path.key === 'roles') return roles(config, path.fields, sub, words, actor, flags);
      const current = (await config.current()).settings[path.key];
      const value = sub === 'add' ? entryOf(path.fields, words) : sub === 'set' ? (words.length === 1 ? valueOf(words[0]) : words.join(' ')) : sub === 'remove' ? valueOf(words.join(' ')) : undefined;
      return change(config, { [path.key]: editValue(current, path.fields, sub, value, pathText) }, actor, flags);
    }
    default:
      return subcommandRefused(sub);
  }
}

/** The administrator named by `--actor` (who must hold the admin role), else the operating-system user. */
async function actorOf(store: Store, email: string | undefined): Promise<ConfigurationActor> {
  if (email === undefined) return { kind: 'system', id: `cli:${os.userInfo().username}` };
  const person = await store.directory.findPersonByEmail(email);
  if (!person || !person.roles.includes('admin')) throw new UsageError(`--actor ${email} is not an administrator in Heard's directory (the admin role)`);
  return { kind: 'person', id: person.id };
}

async function show(store: Store, config: ConfigurationService, args: string[], flags: ConfigFlags, now: () => number): Promise<ConfigOutput> {
  if (args.length > 1) throw new UsageError('usage: heard config show [<setting>] [--json]');
  const only = args[0];
  if (only !== undefined && only !== 'roles' && !isSettingKey(only)) throw new UsageError(`no setting "${only}": use ${[...SETTING_KEY_LIST, 'roles'].join(', ')}`);
  const org = await config.current();
  const holders = await config.roleHolders();
  const at = now();
  const shifts = await store.rota.listBetween(at, at + 7 * 86400);
  const people = new Map((await store.directory.listPeople()).map((p) => [p.id, p]));
  const rota = shifts.map((s) => ({
    role: s.role,
    email: people.get(s.personId)?.email ?? null,
    from: formatLocalInstant(s.from, org.calendar.offsetAt(s.from)),
    until: formatLocalInstant(s.until, org.calendar.offsetAt(s.until)),
  }));
  const document = {
    ...org.settings,
    roles: Object.fromEntries(Object.entries(holders).map(([role, list]) => [role, list.map((p) => p.email)])),
    rota,
    pending: await config.pending(),
  };
  if (flags.json) return { ok: true, text: JSON.stringify(only === undefined ? document : document[only as keyof typeof document]) };
  return { ok: true, text: configurationText(org, holders, rota, document.pending, only) };
}

async function validate(config: ConfigurationService, args: string[], flags: ConfigFlags): Promise<ConfigOutput> {
  if (args.length > 1) throw new UsageError('usage: heard config validate [<file>]');
  if (args.length === 0) {
    // The configuration as stored (someone may have edited the store by hand).
    const problems = await config.storedProblems();
    if (problems.length > 0) return refused(problems);
    return { ok: true, text: flags.json ? JSON.stringify({ valid: true, settings: SETTING_KEY_LIST }) : 'The stored configuration is valid.' };
  }
  const values = readConfigFile(args[0]);
  const settings = Object.fromEntries(Object.entries(values).filter(([k]) => k !== 'roles'));
  const proposal = await config.propose(settings);
  const problems = proposal.ok ? [] : [...proposal.problems];
  for (const [role, emails] of Object.entries(rolesOf(values))) {
    const plan = await config.planRoles(role, emails);
    if (!plan.ok) problems.push(...plan.problems);
  }
  if (problems.length > 0) return refused(problems);
  const keys = Object.keys(values);
  return { ok: true, text: flags.json ? JSON.stringify({ valid: true, settings: keys }) : `${args[0]} is valid: ${keys.join(', ')}.` };
}

/** The settings (and `roles`) a configuration file gives, by key. */
function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  let parsed: unknown;
  try {
    parsed = parseYaml(text) as unknown;
  } catch (e) {
    throw new UsageError(`${file} is not JSON or YAML: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new UsageError(`${file} must hold an object of settings by key: ${[...SETTING_KEY_LIST, 'roles'].join(', ')}`);
  return parsed as Record<string, unknown>;
}

function rolesOf(values: Record<string, unknown>): Record<string, string[]> {
  const roles = values.roles;
  if (roles === undefined) return {};
  if (roles === null || typeof roles !== 'object' || Array.isArray(roles)) throw new UsageError('roles must be an object: role → list of e-mail addresses');
  return Object.fromEntries(Object.entries(roles as Record<string, unknown>).map(([role, list]) => [role, emailsOf(list)]));
}

function emailsOf(value: unknown): string[] {
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  throw new UsageError('give the holders of a role as e-mail addresses, e.g. ["cora@council.example"]');
}

/** Proposes the settings, then prints the dry run or applies them. */
async function change(config: ConfigurationService, values: Record<string, unknown>, actor: ConfigurationActor, flags: ConfigFlags): Promise<ConfigOutput> {
  const roleChanges = rolesOf(values);
  const settings = Object.fromEntries(Object.entries(values).filter(([k]) => k !== 'roles'));
  const proposed = await config.propose(settings);
  if (!proposed.ok) return refused(proposed.problems);
  const plans: RolePlan[] = [];
  for (const [role, emails] of Object.entries(roleChanges)) {
    const plan = await config.planRoles(role, emails);
    if (!plan.ok) return refused(plan.problems);
    plans.push(plan.plan);
  }
  const { proposal } = proposed;
  const period = flags.from !== undefined || flags.to !== undefined ? { from: flags.from ?? '', to: flags.to ?? '' } : undefined;
  if (period) {
    const problem = replayPeriodProblem(period, proposal.before.calendar);
    if (problem) throw new UsageError(`--from/--to: ${problem}`);
  }
  const outputs: string[] = [];
  const json: Record<string, unknown> = { dryRun: flags.dryRun === true };
  if (proposal.changes.length > 0 || plans.length === 0) {
    if (flags.dryRun) {
      const impact = await config.preview(proposal, { period });
      Object.assign(json, impactJson(impact, proposal.before, proposal.after, false));
      outputs.push(impactText(impact, proposal.before, proposal.after, 'dry-run'));
    } else {
      const result = await config.apply(proposal, actor, 'cli');
      if (result.status === 'changed-meanwhile') throw new UsageError(`the ${result.key} setting changed while this ran: nothing changed; run the command again`);
      if (result.status === 'already-applied') {
        Object.assign(json, { change: proposal.id, applied: false, changes: [] });
        outputs.push('Nothing to change: the configuration already says that.');
      } else {
        Object.assign(json, impactJson(result.impact, proposal.before, proposal.after, true));
        outputs.push(impactText(result.impact, proposal.before, proposal.after, 'applied'));
      }
    }
  }
  const roleJson: Record<string, unknown>[] = [];
  for (const plan of plans) {
    const status = flags.dryRun ? 'dry-run' : await config.applyRoles(plan, actor, 'cli');
    if (status === 'changed-meanwhile') throw new UsageError(`the holders of ${plan.role} changed while this ran: run the command again`);
    roleJson.push({ setting: `roles.${plan.role}`, from: plan.from.map((p) => p.email), to: plan.to.map((p) => p.email), applied: status === 'applied' });
    outputs.push(rolePlanText(plan, status));
  }
  if (plans.length > 0) json.roles = roleJson;
  return { ok: true, text: flags.json ? JSON.stringify(json) : outputs.join('\n\n') };
}

async function roles(config: ConfigurationService, fields: string[], sub: 'set' | 'unset' | 'add' | 'remove', words: string[], actor: ConfigurationActor, flags: ConfigFlags): Promise<ConfigOutput> {
  if (fields.length !== 1) throw new UsageError(`name one role: roles.<${CONFIGURABLE_ROLES.join('|')}>`);
  if (sub === 'unset') throw new UsageError(`give the holders of ${fields[0]} with heard config set (an empty list [] for nobody)`);
  const role = fields[0];
  const current = (await config.roleHolders())[role as keyof Awaited<ReturnType<ConfigurationService['roleHolders']>>]?.map((p) => p.email) ?? [];
  const given = emailsOf(words.length === 1 ? valueOf(words[0]) : words);
  const lower = (e: string) => e.toLowerCase();
  const emails = sub === 'set' ? given : sub === 'add' ? [...current, ...given] : current.filter((e) => !given.map(lower).includes(lower(e)));
  if (sub === 'remove' && emails.length === current.length) throw new UsageError(`${given.join(', ')} does not hold ${role}: nothing to remove`);
  return change(config, { roles: { [role]: emails } }, actor, flags);
}

/** An audit event of the configuration as JSON: instants as UTC text. */
function eventJson(e: AuditEvent): Record<string, unknown> {
  return { ...e, at: formatInstant(e.at) };
}

/** The stable JSON of a dry run or an applied change. */
function impactJson(impact: Impact, before: { calendar: { offsetAt(t: number): number } }, after: { calendar: { offsetAt(t: number): number } }, applied: boolean): Record<string, unknown> {
  return {
    change: impact.id,
    applied,
    changes: impact.changes.map((c) => ({ setting: c.key, from: c.from, to: c.to })),
    open: impact.examined,
    moved: impact.moved,
    becomeOverdue: impact.becomeOverdue,
    stopBeingOverdue: impact.stopBeingOverdue,
    closed: impact.closed,
    replanned: impact.replanned,
    moves: impact.moves.map((m) => ({
      obligation: m.obligationId,
      standard: m.standardId,
      subject: m.subject,
      reference: m.reference,
      from: formatInstant(m.from),
      fromLocal: formatLocalInstant(m.from, before.calendar.offsetAt(m.from)),
      to: m.to === null ? null : formatInstant(m.to),
      toLocal: m.to === null ? null : formatLocalInstant(m.to, after.calendar.offsetAt(m.to)),
      overdueBefore: m.overdueBefore,
      overdueAfter: m.overdueAfter,
    })),
    replay: impact.replay && {
      from: impact.replay.from,
      to: impact.replay.to,
      standards: impact.replay.lines.map((l) => ({ standard: l.standardId, title: l.title, due: l.due, asConfigured: l.asConfigured, underChange: l.underChange })),
    },
  };
}
