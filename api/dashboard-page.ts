import { createHash } from 'crypto';
import type { ComplianceReport, ReportCounts, ReportItem } from '../domain/compliance-report';
import type { DashboardData } from '../domain/dashboard';
import type { Standing } from '../domain/obligation';
import type { Standard, WorkingCalendar } from '../standards';
import { bars, percentLines, type ChartImages } from './dashboard-charts';

/**
 * The dashboard as one HTML page: headline figures of last month, timeliness by team over
 * six months and by standard last month (charts with their tables), the breaches of the
 * last four weeks, what is overdue now, the participation team's queue (for those who may
 * see it) and the children heard. Readable on a phone (one column at 320 px, tables that
 * scroll on their own), WCAG 2.2 AA (checked with axe-core in Chromium), no script, and
 * children by reference and initials only.
 */

const STYLE = [
  'body{margin:0;font-family:"Segoe UI",system-ui,-apple-system,sans-serif;font-size:1rem;line-height:1.5;color:#1b1b1b;background:#fff}',
  'main{max-width:60rem;margin:0 auto;padding:1rem}',
  'h1{font-size:1.5rem;line-height:1.25;margin:0 0 .5rem}h2{font-size:1.25rem;margin:2rem 0 .5rem}p{margin:0 0 1rem}',
  'a{color:#0b57a4}a:focus,[tabindex]:focus{outline:3px solid #1b1b1b;outline-offset:2px}',
  'nav ul{padding-left:1.25rem;margin:0 0 1rem}',
  '.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(8rem,1fr));gap:.75rem;margin:0;padding:0}',
  '.figures div{border:1px solid #6b6b6b;border-radius:4px;padding:.5rem .75rem}',
  '.figures dt{font-size:.875rem}.figures dd{margin:0;font-size:1.5rem;font-weight:600}',
  'figure{margin:0 0 1rem}figure img{display:block;max-width:100%;height:auto}figcaption{font-size:.875rem}',
  '.table{overflow-x:auto;margin:0 0 1rem}',
  'table{border-collapse:collapse;min-width:100%;font-size:.9375rem}caption{text-align:left;font-weight:600;padding:.25rem 0}',
  'th,td{border-bottom:1px solid #6b6b6b;padding:.375rem .5rem;text-align:left;vertical-align:top}td.n,th.n{text-align:right}',
  '.status{font-weight:600}',
].join('');

/** Where Teams and the other Microsoft 365 hosts frame a tab from (Teams platform: tab requirements). */
export const TEAMS_FRAME_ANCESTORS = ['https://teams.microsoft.com', 'https://*.teams.microsoft.com', 'https://*.cloud.microsoft', 'https://*.microsoft365.com', 'https://*.office.com'] as const;

/**
 * The dashboard's policy: its own style by hash, its chart images as `data:` URIs, no
 * script, nothing fetched; framed only by Teams.
 *
 * @example
 * res.header('Content-Security-Policy', DASHBOARD_CSP);
 */
export const DASHBOARD_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors ${TEAMS_FRAME_ANCESTORS.join(' ')}`;

const STATUS_WORDS: Record<Standing, string> = { open: 'Open', overdue: 'Overdue', met: 'Met on time', late: 'Met late', closed: 'Closed', missed: 'Missed' };

/** How the page writes dates and times, in the council's zone. */
class Words {
  private readonly day: Intl.DateTimeFormat;
  private readonly dayTime: Intl.DateTimeFormat;

  constructor(cal: WorkingCalendar) {
    this.day = new Intl.DateTimeFormat('en-GB', { timeZone: cal.config.zone, weekday: 'short', day: 'numeric', month: 'short' });
    this.dayTime = new Intl.DateTimeFormat('en-GB', { timeZone: cal.config.zone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
  }

  dayOf(t: number): string {
    return this.day.format(t * 1000);
  }

  at(t: number): string {
    return this.dayTime.format(t * 1000);
  }

  month(month: string, short = false): string {
    return new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1)).toLocaleString('en-GB', { timeZone: 'UTC', month: short ? 'short' : 'long', year: 'numeric' });
  }
}

/**
 * The dashboard page.
 *
 * @example
 * renderDashboardPage(data, { calendar, standards });
 */
export function renderDashboardPage(data: DashboardData, deps: { calendar: WorkingCalendar; standards: readonly Standard[] }): string {
  const words = new Words(deps.calendar);
  const titles = new Map(deps.standards.map((s) => [s.id, s.title]));
  const current = data.months[data.months.length - 1];
  const last = data.months[data.months.length - 2] ?? current;
  const whose = data.scope === 'you' ? 'your own work' : data.scope === 'your team' ? "your team's work" : "the whole service's work";
  const sections = [
    { id: 'last-month', title: `${words.month(last.month)} at a glance`, html: headline(last.report) },
    { id: 'timeliness', title: 'Deadlines met on time, by month', html: timeliness(data, words) },
    { id: 'standards', title: `On time by standard, ${words.month(last.month)}`, html: byStandard(last.report, titles) },
    { id: 'breaches', title: 'Deadlines missed in the last four weeks', html: items(data.breaches, words, titles, 'No deadline was missed in the last four weeks.', 'breaches') },
    { id: 'overdue', title: 'Overdue now', html: items(data.overdue, words, titles, 'Nothing is overdue.', 'overdue') },
    ...(data.queue === null ? [] : [{ id: 'queue', title: "The participation team's queue", html: queue(data, words) }]),
    { id: 'children', title: 'Children heard', html: children(data, words) },
  ];
  return [
    '<!doctype html>',
    '<html lang="en-GB">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    '<title>Dashboard – Heard</title>',
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>Dashboard: ${esc(data.scope === 'you' ? 'your work' : data.scope)}</h1>`,
    `<p>For ${esc(data.viewer.name)}: ${esc(whose)}, as of ${esc(words.at(data.at))} (this month so far: ${esc(words.month(current.month))}). Children are named by reference and initials only.</p>`,
    '<nav aria-label="On this page"><ul>',
    ...sections.map((s) => `<li><a href="#${s.id}">${esc(s.title)}</a></li>`),
    '</ul></nav>',
    ...sections.map((s) => `<section aria-labelledby="${s.id}"><h2 id="${s.id}">${esc(s.title)}</h2>${s.html}</section>`),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function rate(c: Pick<ReportCounts, 'onTimeRate'>): string {
  return c.onTimeRate === null ? '–' : `${Math.round(c.onTimeRate * 1000) / 10}%`;
}

function sum(report: ComplianceReport): { due: number; met: number; judged: number; overdue: number } {
  return report.standards.reduce((t, s) => ({ due: t.due + s.due, met: t.met + s.met, judged: t.judged + s.met + s.late + s.overdue + s.missed, overdue: t.overdue + s.overdue }), { due: 0, met: 0, judged: 0, overdue: 0 });
}

function headline(report: ComplianceReport): string {
  const total = sum(report);
  const children = Object.values(report.participation.childrenByMonth).reduce((a, b) => a + b, 0);
  const reviews = report.participation.reviews;
  const figures: [string, string][] = [
    ['Statements received', String(report.statements.received)],
    ['Children heard', String(children)],
    ['Deadlines due', String(total.due)],
    ['Met on time', total.judged === 0 ? '–' : `${Math.round((1000 * total.met) / total.judged) / 10}%`],
    ['Still overdue', String(total.overdue)],
    ["Reviews with the child's views in a statement", reviews.due === 0 ? '–' : `${reviews.evidenced} of ${reviews.due}`],
  ];
  return `<dl class="figures">${figures.map(([t, v]) => `<div><dt>${esc(t)}</dt><dd>${esc(v)}</dd></div>`).join('')}</dl>`;
}

function figure(images: ChartImages, alt: string, caption: string): string {
  return `<figure><picture><source media="(max-width: 40em)" srcset="${images.narrow}"><img src="${images.wide}" width="720" height="320" alt="${esc(alt)}"></picture><figcaption>${esc(caption)}</figcaption></figure>`;
}

function table(caption: string, head: string[], rows: string[][], numeric: (i: number) => boolean, id: string): string {
  return (
    `<div class="table" role="region" aria-labelledby="${id}-caption" tabindex="0"><table><caption id="${id}-caption">${esc(caption)}</caption>` +
    `<thead><tr>${head.map((h, i) => `<th scope="col"${numeric(i) ? ' class="n"' : ''}>${esc(h)}</th>`).join('')}</tr></thead>` +
    `<tbody>${rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${esc(c)}</th>` : `<td${numeric(i) ? ' class="n"' : ''}>${esc(c)}</td>`)).join('')}</tr>`).join('')}</tbody></table></div>`
  );
}

function timeliness(data: DashboardData, words: Words): string {
  const months = data.months.map((m) => words.month(m.month, true));
  const teams = new Map<string, string>();
  for (const m of data.months) for (const t of m.report.teams) teams.set(t.teamId ?? '', t.team ?? 'No team');
  const series = [
    { name: 'All', values: data.months.map((m) => percentOf(totalRate(m.report))) },
    ...[...teams].map(([id, name]) => ({ name, values: data.months.map((m) => percentOf(m.report.teams.find((t) => (t.teamId ?? '') === id)?.onTimeRate ?? null)) })),
  ];
  const chart = percentLines(months, series);
  const rows = series.map((s) => [s.name, ...s.values.map((v) => (v === null ? '–' : `${v}%`))]);
  return (
    figure(chart, `Line chart of the share of deadlines met on time each month, ${months[0]} to ${months[months.length - 1]}, for ${series.map((s) => s.name).join(', ')}. The table below gives every figure.`, 'Of the deadlines judged (met, met late, overdue, missed), the share met on time. The last month is so far.') +
    table('The figures: share met on time each month', ['Who', ...months], rows, (i) => i > 0, 'timeliness')
  );
}

function totalRate(report: ComplianceReport): number | null {
  const total = sum(report);
  return total.judged === 0 ? null : total.met / total.judged;
}

function percentOf(rateValue: number | null): number | null {
  return rateValue === null ? null : Math.round(rateValue * 1000) / 10;
}

function byStandard(report: ComplianceReport, titles: Map<string, string>): string {
  const rows = [...report.standards].sort((a, b) => b.due - a.due).slice(0, 12);
  if (rows.length === 0) return '<p>No deadline fell due that month.</p>';
  const judged = rows.filter((r) => r.onTimeRate !== null);
  const chart = judged.length > 0 ? figure(bars(judged.map((r) => r.standard), judged.map((r) => percentOf(r.onTimeRate)!), { percent: true, horizontal: true }), `Bar chart of the share met on time for ${judged.length} standards. The table below gives every figure.`, 'Standards with the most deadlines due that month.') : '';
  return (
    chart +
    table(
      'On time by standard',
      ['Standard', 'Due', 'Met on time', 'Late', 'Overdue', 'Missed', 'Open', 'Closed', 'On time'],
      rows.map((r) => [`${r.standard} ${titles.get(r.standard) ?? ''}`.trim(), String(r.due), String(r.met), String(r.late), String(r.overdue), String(r.missed), String(r.open), String(r.closed), rate(r)]),
      (i) => i > 0,
      'standards',
    )
  );
}

function items(list: ReportItem[], words: Words, titles: Map<string, string>, empty: string, id: string): string {
  if (list.length === 0) return `<p>${esc(empty)}</p>`;
  return table(
    `${list.length} deadline${list.length === 1 ? '' : 's'}`,
    ['About', 'Standard', 'Due', 'Who', 'Status'],
    list.map((i) => [i.about, `${i.obligation.standardId} ${titles.get(i.obligation.standardId) ?? ''}`.trim(), words.at(i.obligation.due), i.owner ?? 'no one', STATUS_WORDS[i.standing]]),
    () => false,
    id,
  );
}

function queue(data: DashboardData, words: Words): string {
  const entries = data.queue ?? [];
  if (entries.length === 0) return '<p>The queue is empty.</p>';
  return table(
    `${entries.length} statement${entries.length === 1 ? '' : 's'} waiting`,
    ['Statement', 'Sent', 'Assign by', 'Cards not delivered'],
    entries.map((e) => [e.statement.flags.unidentified ? 'an unidentified young person' : `${e.statement.child.reference} · ${e.statement.child.initials}`, words.at(e.statement.sentAt), e.clock ? words.at(e.clock.due) : '–', String(e.undelivered.length)]),
    (i) => i === 3,
    'queue',
  );
}

function children(data: DashboardData, words: Words): string {
  const months = data.months.map((m) => words.month(m.month, true));
  const counts = data.months.map((m) => Object.values(m.report.participation.childrenByMonth).reduce((a, b) => a + b, 0));
  const teams = new Map<string, string>();
  for (const m of data.months) for (const r of m.report.participation.childrenByMonthAndTeam) teams.set(r.teamId ?? '', r.team ?? 'Not yet with a team');
  const rows = [
    ['All', ...counts.map(String)],
    ...[...teams].map(([id, name]) => [name, ...data.months.map((m) => String(m.report.participation.childrenByMonthAndTeam.find((r) => (r.teamId ?? '') === id)?.children ?? 0))]),
  ];
  const reviews = data.months.map((m) => m.report.participation.reviews);
  return (
    '<p>Each child who sent a statement, counted once a month by their reference ("counting how many children participated", participation strategy 8.1).</p>' +
    figure(bars(months, counts, { percent: false, horizontal: false }), `Bar chart of the children who sent statements each month, ${months[0]} to ${months[months.length - 1]}: ${counts.join(', ')}.`, 'Children who sent statements, by month.') +
    table('Children who sent statements, by month and team', ['Team', ...months], rows, (i) => i > 0, 'children') +
    table(
      "Children-in-care reviews whose momo 4.4 check fell due, with the child's views in a statement since the last review",
      ['Reviews', ...months],
      [['With a statement', ...reviews.map((r) => (r.due === 0 ? '–' : `${r.evidenced} of ${r.due}`))]],
      (i) => i > 0,
      'reviews',
    )
  );
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The one address Teams' JavaScript library fetches by itself: Microsoft's list of the
 * hosts it may run in (without it, the library falls back to the list it carries).
 */
const TEAMS_JS_VALID_DOMAINS = 'https://res.cdn.office.net/teams-js/validDomains/json/validDomains.json';

/** A script the tab's sign-in page loads from Heard, with its Subresource Integrity hash. */
export interface PageScript {
  src: string;
  integrity: string;
}

/**
 * The tab's policy while it signs the person in: its own style, the two scripts Heard
 * serves (Teams' JavaScript library and the sign-in step, each also pinned by its
 * integrity hash), requests to Heard and to the library's list of hosts only; framed only
 * by Teams.
 *
 * @example
 * res.header('Content-Security-Policy', TAB_SIGN_IN_CSP);
 */
export const TAB_SIGN_IN_CSP = `default-src 'none'; script-src 'self'; connect-src 'self' ${TEAMS_JS_VALID_DOMAINS}; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; base-uri 'none'; form-action 'none'; frame-ancestors ${TEAMS_FRAME_ANCESTORS.join(' ')}`;

/**
 * The page the Teams tab opens: it signs the person in through Teams (single sign-on) and
 * then shows their dashboard. Without script, or outside Teams, it says how to get a link.
 *
 * @example
 * renderTabSignInPage([{ src: '/dashboard/assets/teams-js.js', integrity: 'sha384-…' }]);
 */
export function renderTabSignInPage(scripts: readonly PageScript[]): string {
  return [
    '<!doctype html>',
    '<html lang="en-GB">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    '<title>Dashboard – Heard</title>',
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    '<h1>Dashboard</h1>',
    '<p id="status" role="status">Signing you in with your council account…</p>',
    '<noscript><p>This tab needs JavaScript to sign you in. In your chat with Heard, type “dashboard” for a link instead.</p></noscript>',
    '</main>',
    ...scripts.map((s) => `<script src="${esc(s.src)}" integrity="${esc(s.integrity)}" crossorigin="anonymous"></script>`),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
