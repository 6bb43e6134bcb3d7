import { compileCardTemplate, expandCardTemplate, TONE_COLOURS, type AdaptiveCardJson } from './adaptive-card';
import { ANSWER_VERBS, UNALLOCATED_ROW, type FollowUp, type ListQuery, type TeamCardModel } from './answer-card-models';
import { followUpsData, listData } from './answer-card-parts';
import teamCardJson from './team-card.json';


type TeamRow = TeamCardModel['rows'][number];

/** `null` leaves the text its ordinary colour without writing `"color"` 80 times into a big card. */
const ROW_COLOURS: Readonly<Record<TeamRow['state'], 'Attention' | null>> = {
  running: null,
  overdue: 'Attention',
};

const teamTemplate = compileCardTemplate(teamCardJson);

/**
 * What `team-card.json` binds to: the model's words as they are, plus the decisions
 * already taken (which parts show, which colour, how the counts and each row's button
 * read), with the verbs from `ANSWER_VERBS`.
 */
interface TeamCardData {
  title: string;
  hasSubtitle: boolean;
  subtitle: string | null;
  hasNote: boolean;
  note: { text: string; colour: string } | null;
  showEmpty: boolean;
  empty: string | null;
  hasRows: boolean;
  rows: { personId: string; name: string; showName: string; counts: string; colour: string | null; hasOldest: boolean; oldest: string | null }[];
  list: ListQuery;
  hasFollowUps: boolean;
  followUps: FollowUp[];
  verbs: typeof ANSWER_VERBS;
}

/**
 * Renders a manager's team summary: a title, an optional subtitle and note, then one
 * compact row per person in the model's order — the name in bold with the counts
 * (`3 due · 1 overdue`) on the same line and the most urgent item beneath, both red when
 * the row is overdue. When there are no rows the model's `empty` text is shown instead;
 * at most three follow-ups end the card.
 *
 * A team can be 40 people, so a row is not given a button of its own: the whole row is
 * selectable (a `selectAction` titled `Show Sam`, the first name unless two rows share
 * it, then the full name), and a line above the rows says so. Selecting a row sends
 * `{ verb: 'team.person', personId, list }`; the handler re-checks that whoever pressed it
 * manages that person. The row's action has no Action.Submit fallback: the Adaptive Cards
 * SDK never falls back from a `selectAction`, and leaving it out keeps 40 rows at about
 * 22 KB (25 KB with long names and long oldest lines), under Teams' 28 KB.
 *
 * @example
 * const card = renderTeamCard({
 *   title: 'Team due this week', subtitle: 'Riverside children in care team · 4 people', note: null, empty: null,
 *   rows: [{ personId: 'p_sam', name: 'Sam Patel', count: 3, overdue: 1,
 *     oldest: 'CR-20417 J.B. · Open by 14:00 yesterday', state: 'overdue' }],
 *   list: { kind: 'due', from: '2026-11-23', to: '2026-11-29' }, followUps: [],
 * });
 * // CardFactory.adaptiveCard(card)
 */
export function renderTeamCard(model: TeamCardModel): AdaptiveCardJson {
  return expandCardTemplate(teamTemplate, teamCardData(model));
}

function teamCardData(model: TeamCardModel): TeamCardData {
  const firstNames = model.rows.map((row) => firstName(row.name));
  const shared = new Set(firstNames.filter((first, i) => firstNames.indexOf(first) !== i));
  const rows = model.rows.map((row, i) => ({
    personId: row.personId,
    name: row.name,
    // The row of case work nobody holds is no person: "Show not allocated".
    showName: row.personId === UNALLOCATED_ROW ? row.name.toLowerCase() : shared.has(firstNames[i]) ? row.name : firstNames[i],
    counts: countsText(row, model.list.kind),
    colour: ROW_COLOURS[row.state],
    hasOldest: row.oldest !== null,
    oldest: row.oldest,
  }));
  return {
    title: model.title,
    hasSubtitle: model.subtitle !== null,
    subtitle: model.subtitle,
    hasNote: model.note !== null,
    note: model.note === null ? null : { text: model.note.text, colour: TONE_COLOURS[model.note.tone] },
    showEmpty: rows.length === 0 && model.empty !== null,
    empty: model.empty,
    hasRows: rows.length > 0,
    rows,
    list: listData(model.list),
    ...followUpsData(model.followUps),
    verbs: ANSWER_VERBS,
  };
}

/** `Sam` of `Sam Patel`; the whole name when it is one word (or none). */
function firstName(name: string): string {
  const first = name.trim().split(/\s+/)[0];
  return first === '' ? name : first;
}

/** `3 due · 1 overdue`, `2 overdue`, `4 unopened · 1 overdue`: what the row counts, in the list's words. */
function countsText(row: TeamRow, kind: ListQuery['kind']): string {
  if (kind === 'overdue') return `${row.count} overdue`;
  return row.overdue > 0 ? `${row.count} ${kind} · ${row.overdue} overdue` : `${row.count} ${kind}`;
}
