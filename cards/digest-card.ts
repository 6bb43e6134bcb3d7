import { capitalise } from './sentence-case';
import { compileCardTemplate, expandCardTemplate, type AdaptiveCardJson } from './adaptive-card';
import { ANSWER_VERBS, type FollowUp } from './answer-card-models';
import { DEADLINE_COLOURS, followUpsData } from './answer-card-parts';
import digestCardJson from './digest-card.json';
import { QUEUE_QUESTION } from './nudge-card';
import { UNDELIVERED_REASON_WORDS, type UndeliveredReason } from './undelivered-notice-card';

const digestTemplate = compileCardTemplate(digestCardJson);

/** Items listed per section at most; the rest are counted ("and 4 more"). */
export const MAX_DIGEST_ITEMS = 8;
/** People listed in a manager's digest at most (a row each, so more fit than items). */
export const MAX_DIGEST_PEOPLE = 15;

/**
 * The questions the digest's buttons ask, as if typed.
 *
 * @example DIGEST_QUESTIONS.teamOverdue.text; // 'who in my team is overdue?'
 */
export const DIGEST_QUESTIONS = {
  unassigned: { title: "What's unassigned?", text: QUEUE_QUESTION },
  teamOverdue: { title: 'Who in my team is overdue?', text: 'who in my team is overdue?' },
  teamDue: { title: "What's due for my team?", text: "what's due for my team" },
  dueToday: { title: "What's due today?", text: "what's due today" },
  overdue: { title: 'Anything overdue?', text: 'anything overdue?' },
} as const satisfies Record<string, FollowUp>;

/** What runs late is red; what is still in time keeps its ordinary colour. @example const s: DigestItemState = 'overdue'; */
export type DigestItemState = 'running' | 'overdue';

/**
 * The participation team's morning digest: the unassigned queue with standard 1.1's
 * clock, cards that could not be delivered, and the deadlines missed since the last
 * digest. Each `count` is the whole number; `items` the first of them (oldest or most
 * urgent first, as the caller orders them), cut to {@link MAX_DIGEST_ITEMS} here.
 *
 * @example
 * const data: ParticipationDigestData = {
 *   audience: 'participation', day: 'Mon 23 Nov',
 *   unassigned: { count: 1, items: [{ reference: 'C-1001', waiting: 'waiting 3 working hours', deadline: 'Assign by 14:30 today', standardId: 'momo.1.1', state: 'running' }] },
 *   undelivered: { count: 0, items: [] },
 *   breaches: { since: 'on Fri 20 Nov', count: 1, items: [{ reference: 'C-0987', standardId: 'momo.2.1', owner: 'Sam Patel', deadline: '17:00 Fri 20 Nov' }] },
 * };
 */
export interface ParticipationDigestData {
  audience: 'participation';
  /** The working day the digest is for, e.g. `Mon 23 Nov`. */
  day: string;
  unassigned: {
    count: number;
    items: { reference: string; waiting: string; deadline: string; standardTitle: string; state: DigestItemState }[];
  };
  undelivered: {
    count: number;
    items: { reference: string; recipient: string; reason: UndeliveredReason }[];
  };
  breaches: {
    /** When, as it reads after "Deadlines missed": `yesterday`, `on Fri 20 Nov`, `since Fri 20 Nov`. */
    since: string;
    count: number;
    /** `owner` null: it was nobody's yet (a queue clock). `deadline` e.g. `17:00 Fri 20 Nov`. */
    items: { reference: string; standardTitle: string; owner: string | null; deadline: string }[];
  };
}

/**
 * A manager's morning digest: who in their team has something overdue, one row per
 * person (and one for the team's case work nobody holds) with the count and the most
 * urgent item, most urgent first (as the caller orders them), cut to
 * {@link MAX_DIGEST_PEOPLE} here; and, when there is any, the case work found already
 * overdue when Heard first heard of it, reported in this one digest.
 *
 * @example
 * const data: ManagerDigestData = {
 *   audience: 'manager', day: 'Mon 23 Nov', teamName: 'North CiC team',
 *   people: [{ name: 'Sam Patel', count: 2, mostUrgent: 'C-1001 · Open: overdue since 17:00 Fri 20 Nov' }],
 *   foundOverdue: { count: 0, items: [] },
 * };
 */
export interface ManagerDigestData {
  audience: 'manager';
  day: string;
  /** The team's name for the subtitle; null says "Your team". */
  teamName: string | null;
  people: { name: string; count: number; mostUrgent: string }[];
  /** `title`: what and whose (`C-10442 · AB · Case · Sam Patel`); `detail`: the deadline missed. */
  foundOverdue: { count: number; items: { title: string; detail: string }[] };
}

/**
 * The morning digest of a worker who asked for one ("morning digest on"): what is due
 * today, soonest first (as the caller orders them), cut to {@link MAX_DIGEST_ITEMS} here.
 *
 * @example
 * const data: WorkerDigestData = {
 *   audience: 'worker', day: 'Mon 23 Nov', dueToday: { count: 1, items: [
 *     { reference: 'C-1001', deadline: 'Tell the child by 17:00 today', standardId: 'momo.3.1', standardTitle: 'The child is told it was received', state: 'running' },
 *   ] },
 * };
 */
export interface WorkerDigestData {
  audience: 'worker';
  day: string;
  dueToday: {
    count: number;
    items: { reference: string; deadline: string; standardTitle: string; state: DigestItemState }[];
  };
}

/** One morning digest, for one of its three audiences. @example renderDigestCard({ audience: 'manager', day: 'Mon 23 Nov', teamName: null, people: [] }); */
export type DigestCardData = ParticipationDigestData | ManagerDigestData | WorkerDigestData;

interface SectionData {
  heading: string;
  showEmpty: boolean;
  empty: string;
  items: { title: string; detail: string; colour: string | null }[];
  hasMore: boolean;
  more: string | null;
}

/** What `digest-card.json` binds to: every section already worded, the verbs from `ANSWER_VERBS`. */
interface DigestTemplateData {
  title: string;
  subtitle: string;
  sections: SectionData[];
  hasFooter: boolean;
  footer: string | null;
  hasFollowUps: boolean;
  followUps: FollowUp[];
  verbs: typeof ANSWER_VERBS;
}

/**
 * Renders a morning digest: `Morning digest, Mon 23 Nov`, who it is for, then its
 * sections, each a heading with its count and the first items (two lines each: what, and
 * the deadline or detail beneath, red when overdue), "and 4 more" when there are more, or
 * a kind line when the section is empty ("Nobody is waiting: every statement has
 * someone."). The participation team gets three sections (waiting to be assigned, cards
 * not delivered, deadlines missed), a manager one (overdue in the team, by person) and,
 * once, a second (case work found already overdue when Heard first heard of it), a
 * worker one (due today) and a line on how to stop it. Follow-up buttons ask the
 * questions of `DIGEST_QUESTIONS` (`{ verb: 'ask', text }`).
 *
 * Size: the fullest digest (three sections of eight items with long names) is about
 * 9 KB; fifteen people for a manager about 7 KB.
 *
 * @example
 * const card = renderDigestCard({
 *   audience: 'worker', day: 'Mon 23 Nov', dueToday: { count: 0, items: [] },
 * });
 * // CardFactory.adaptiveCard(card)
 */
export function renderDigestCard(data: DigestCardData): AdaptiveCardJson {
  return expandCardTemplate(digestTemplate, digestTemplateData(data));
}

function digestTemplateData(data: DigestCardData): DigestTemplateData {
  const title = `Morning digest, ${data.day}`;
  switch (data.audience) {
    case 'participation':
      return {
        title,
        subtitle: 'For the participation team',
        sections: [
          section(
            'Waiting to be assigned',
            data.unassigned.count,
            data.unassigned.items.map((i) => ({ title: `${i.reference} · ${i.waiting}`, detail: i.standardTitle === '' ? i.deadline : `${i.deadline} · ${i.standardTitle}`, colour: DEADLINE_COLOURS[i.state] })),
            'Nobody is waiting: every statement has someone. 🎉',
          ),
          section(
            'Cards not delivered',
            data.undelivered.count,
            data.undelivered.items.map((i) => ({ title: `${i.reference} · for ${i.recipient}`, detail: capitalise(UNDELIVERED_REASON_WORDS[i.reason]), colour: 'Attention' })),
            'Every card reached its worker.',
          ),
          section(
            `Deadlines missed ${data.breaches.since}`,
            data.breaches.count,
            data.breaches.items.map((i) => ({ title: `${i.reference} · ${i.standardTitle}`, detail: `${i.owner ?? 'Nobody had it yet'} · due ${i.deadline}`, colour: 'Attention' })),
            `No deadlines were missed ${data.breaches.since}. Well done, everyone.`,
          ),
        ],
        hasFooter: false,
        footer: null,
        ...followUpsData([DIGEST_QUESTIONS.unassigned]),
        verbs: ANSWER_VERBS,
      };
    case 'manager': {
      const total = data.people.reduce((sum, p) => sum + p.count, 0);
      return {
        title,
        subtitle: data.teamName ?? 'Your team',
        sections: [
          section(
            `Overdue in your team (${total} item${total === 1 ? '' : 's'})`,
            data.people.length,
            data.people.map((p) => ({ title: `${p.name} · ${p.count} overdue`, detail: p.mostUrgent, colour: 'Attention' })),
            'Nobody in your team has anything overdue. Good work, all.',
            { max: MAX_DIGEST_PEOPLE, countInHeading: false, more: (rest) => `and ${rest} more ${rest === 1 ? 'person' : 'people'}` },
          ),
          ...(data.foundOverdue.count === 0
            ? []
            : [
                section(
                  'Found overdue when Heard first heard of them (told once)',
                  data.foundOverdue.count,
                  data.foundOverdue.items.map((i) => ({ title: i.title, detail: i.detail, colour: 'Attention' })),
                  '',
                ),
              ]),
        ],
        hasFooter: false,
        footer: null,
        ...followUpsData([DIGEST_QUESTIONS.teamOverdue, DIGEST_QUESTIONS.teamDue]),
        verbs: ANSWER_VERBS,
      };
    }
    case 'worker':
      return {
        title,
        subtitle: 'Your deadlines today',
        sections: [
          section(
            'Due today',
            data.dueToday.count,
            data.dueToday.items.map((i) => ({ title: `${i.reference} · ${i.standardTitle}`, detail: i.deadline, colour: DEADLINE_COLOURS[i.state] })),
            'Nothing is due today. Enjoy it.',
          ),
        ],
        hasFooter: true,
        footer: 'You get this because you asked for it. Say "morning digest off" to stop it.',
        ...followUpsData([DIGEST_QUESTIONS.dueToday, DIGEST_QUESTIONS.overdue]),
        verbs: ANSWER_VERBS,
      };
  }
}

/**
 * One section: `Heading (count)` (unless the heading counts already), the first `max`
 * items, and "and N more" for the rest of `count` (never fewer than the items given).
 */
function section(
  heading: string,
  count: number,
  items: { title: string; detail: string; colour: string }[],
  empty: string,
  options: { max?: number; countInHeading?: boolean; more?: (rest: number) => string } = {},
): SectionData {
  const { max = MAX_DIGEST_ITEMS, countInHeading = true, more = (rest: number) => `and ${rest} more` } = options;
  const total = Math.max(count, items.length);
  // `null` leaves the text its ordinary colour without writing "Default" into every item.
  const shown = items.slice(0, max).map((item) => ({ ...item, colour: item.colour === 'Default' ? null : item.colour }));
  const rest = total - shown.length;
  return {
    heading: countInHeading && total > 0 ? `${heading} (${total})` : heading,
    showEmpty: total === 0,
    empty,
    items: shown,
    hasMore: rest > 0,
    more: rest > 0 ? more(rest) : null,
  };
}
