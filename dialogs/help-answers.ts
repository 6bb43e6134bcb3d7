import { runsTheService, seesWholeService } from '../domain/permissions';
import type { AdaptiveCardJson } from '../cards/adaptive-card';
import { renderAnswerCard } from '../cards/answer-card';
import type { Person } from '../domain/person';
import type { FollowUp } from '../cards/answer-card-models';
import { card, EXAMPLES, type Reply } from './reply';

/**
 * Help, greetings and "I didn't understand": never silence, always examples and buttons
 * that ask them. In a channel, help lists only what can be answered there.
 */

/**
 * What Heard does, fitted to the asker's role (a worker's, a manager's, the participation
 * team's, the head of service's); in a channel only what can be answered there.
 *
 * @example
 * helpCard('shared'); // dates and standards only
 */
export function helpCard(where: 'personal' | 'shared', actor: Person | null = null): AdaptiveCardJson {
  if (where === 'shared') {
    return renderAnswerCard({
      title: 'What Heard does',
      tone: null,
      lines: [
        'Statements, lists and leave are private: ask about them in your personal chat with Heard.',
        'Here I can answer, for example:',
      ],
      facts: [
        { title: 'Dates', value: '"when is 10 working days before 12 March?", "7 working hours from now"' },
        { title: 'Standards', value: '"how long do I have to open a statement?", "what does standard 3.1 say?"' },
      ],
      quote: null,
      followUps: [],
    });
  }
  const role = roleOf(actor);
  return renderAnswerCard({
    title: 'What Heard does',
    tone: null,
    lines: [
      role === 'participation'
        ? 'Statements waiting to be assigned, and every statement that could not reach its worker, come to the participation team here.'
        : role === 'service'
          ? 'You see the whole service: its lists, its figures and the history of any case.'
          : 'Statements sent to you through Mind Of My Own arrive in this chat as cards, with the clock of each practice standard.',
      'Ask in your own words, for example:',
    ],
    facts: [...ROLE_FACTS[role], ...COMMON_FACTS],
    quote: null,
    followUps: ROLE_FOLLOW_UPS[role],
  });
}

/** Which help someone gets: a worker's, a manager's, the participation team's, or the head of service's (the whole service). */
type HelpRole = 'worker' | 'manager' | 'participation' | 'service';

function roleOf(actor: Person | null): HelpRole {
  if (actor === null) return 'worker';
  if (runsTheService(actor)) return 'participation';
  if (seesWholeService(actor)) return 'service';
  if (actor.roles.includes('manager') || actor.roles.includes('duty-manager')) return 'manager';
  return 'worker';
}

const ROLE_FACTS: Readonly<Record<HelpRole, { title: string; value: string }[]>> = {
  worker: [
    { title: 'Your work', value: '"what\'s due this week?", "anything overdue?", "which statements haven\'t I opened?"' },
    { title: 'Case work', value: '"when is AB\'s next visit due?", "what\'s due on C-10442?", "what reviews have I got this month?"' },
    { title: 'Leave', value: '"I\'m on a/l next week, Ali covering", "cancel my leave"' },
  ],
  manager: [
    { title: 'Your team', value: '"what\'s due for my team?", "who is overdue?", "what\'s overdue for Ali?", "show me Sam\'s statements"' },
    { title: 'Figures', value: '"how is my team doing this month?", "how is Sam getting on?", "dashboard"' },
    { title: 'Moving work', value: '"move Sam\'s statements to Priya until Friday", "Sam is off sick until Wednesday, Ali covering", "who\'s off?"' },
    { title: 'Case work', value: '"any of my team\'s visits overdue?", "what\'s due on C-10442?", "history of C-10442"' },
    { title: 'Your own work', value: '"what\'s due this week?", "anything overdue?"' },
  ],
  participation: [
    { title: 'The queue', value: '"what\'s in the queue?", "what\'s still unassigned?"' },
    { title: 'Moving work', value: '"move Sam\'s statements to Priya until Friday", "reassign CR-20417 to Ali", "who\'s off?"' },
    { title: 'Notices', value: '"tell everyone in Riverside that the office is shut on Friday", "who hasn\'t read my notice?"' },
    { title: 'The service', value: '"how is the service doing this month?", "what\'s overdue across the service?", "how is Sam getting on?"' },
  ],
  service: [
    { title: 'The service', value: '"how is the service doing this month?", "what\'s overdue across the service?", "what\'s due for the Riverside team?"' },
    { title: 'People', value: '"what\'s overdue for Ali?", "how is Sam getting on?", "who\'s off?"' },
    { title: 'Statements for you', value: '"what\'s due this week?" — statements of children with no allocated worker come to you (Mind Of My Own practice standards, 1.3)' },
  ],
};

const COMMON_FACTS: readonly { title: string; value: string }[] = [
  { title: 'Evidence', value: '"history of CR-20417" (a statement\'s or case\'s whole story), "dashboard"' },
  { title: 'Dates', value: '"when is 10 working days before 12 March?", "7 working hours from now"' },
  { title: 'Standards', value: '"how long do I have to open a statement?", "what does standard 3.1 say?"' },
  { title: 'Cards', value: '"my statements" sends a fresh card for each of your open statements' },
  { title: 'Reminders', value: 'I remind you at half and three quarters of the time allowed and when it is due; "morning digest on" adds a list of what is due each working morning' },
];

const ROLE_FOLLOW_UPS: Readonly<Record<HelpRole, FollowUp[]>> = {
  worker: EXAMPLES.slice(0, 2),
  manager: [{ title: "Team's overdue", text: "what's overdue in my team" }, { title: 'How is the team doing?', text: 'how is my team doing this month?' }],
  participation: [{ title: 'The queue', text: "what's in the queue?" }, { title: 'Who is away?', text: "who's off?" }],
  service: [{ title: 'How is the service doing?', text: 'how is the service doing this month?' }, { title: 'Overdue', text: "what's overdue across the service" }],
};

/**
 * The welcome on install: what Heard does for this person's role, and two questions to try.
 *
 * @example
 * welcomeLines(priya); // ['…your team…', 'Try "what's due for my team?"…']
 */
export function welcomeLines(actor: Person): string[] {
  const role = roleOf(actor);
  const first = {
    worker: 'Statements sent to you through Mind Of My Own will arrive here as cards, with the clocks of the practice standards. Ask me what is due, what is overdue, or when a case\'s next visit is.',
    manager: 'Statements sent to you arrive here as cards. For your team, ask what is due or overdue, about one of your workers by name, or how the team is doing; you can move work and record leave too.',
    participation: 'Statements waiting to be assigned come to you here. Ask what is in the queue, move someone\'s statements, send a notice to a team, or ask how the service is doing.',
    service: 'You see the whole service: ask how it is doing, what is overdue across it, or about anyone by name.',
  }[role];
  const tryThese = ROLE_FOLLOW_UPS[role].map((f) => `"${f.text}"`).join(' or ');
  return [first, `Try ${tryThese}, or type "help" at any time.`];
}

/** A greeting back, by first name. @example greeting(sam); */
export function greeting(actor: Person): Reply {
  return card(renderAnswerCard({ title: `Hello ${firstName(actor)}`, tone: null, lines: ['Ask me what is due, what is overdue, or anything in "help".'], facts: [], quote: null, followUps: EXAMPLES }));
}

/** What Heard can do, when it did not understand. @example notUnderstood(); */
export function notUnderstood(): Reply {
  return card(renderAnswerCard({
    title: "Sorry, I didn't understand that",
    tone: null,
    lines: [
      'I can tell you what is due or overdue, show your team or the unassigned queue, move statements, record leave and work out working days.',
      'Try: "what\'s due this week?", "anything overdue?", "I\'m on leave until Friday, Ali covering", "when is 10 working days before 12 March?"',
    ],
    facts: [],
    quote: null,
    followUps: EXAMPLES,
  }));
}

/** The first word of a person's name. @example firstName(samPatel); // 'Sam' */
export function firstName(p: Person): string {
  return p.name.split(' ')[0];
}
