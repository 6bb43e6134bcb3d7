import type { AdaptiveCardJson } from '../cards/adaptive-card';
import { renderAnswerCard } from '../cards/answer-card';
import type { Person } from '../domain/person';
import { card, EXAMPLES, type Reply } from './reply';

/**
 * Help, greetings and "I didn't understand": never silence, always examples and buttons
 * that ask them. In a channel, help lists only what can be answered there.
 */

/**
 * What Heard does; in a channel only what can be answered there (statements are private).
 *
 * @example
 * helpCard('shared'); // dates and standards only
 */
export function helpCard(where: 'personal' | 'shared'): AdaptiveCardJson {
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
  return renderAnswerCard({
    title: 'What Heard does',
    tone: null,
    lines: [
      'Statements sent to you through Mind Of My Own arrive in this chat as cards, with the clock of each practice standard.',
      'Ask in your own words, for example:',
    ],
    facts: [
      { title: 'Your work', value: '"what\'s due this week?", "anything overdue?", "which statements haven\'t I opened?"' },
      { title: 'Managers', value: '"what\'s due for my team?", "who is overdue?", "move Sam\'s statements to Priya until Friday"' },
      { title: 'Participation', value: '"what\'s in the queue?"' },
      { title: 'Leave', value: '"I\'m on a/l next week, Ali covering", "Sam is off sick until Wednesday"' },
      { title: 'Dates', value: '"when is 10 working days before 12 March?", "7 working hours from now"' },
      { title: 'Standards', value: '"how long do I have to open a statement?", "what does standard 3.1 say?"' },
      { title: 'Cards', value: '"my statements" sends a fresh card for each of your open statements' },
      { title: 'Evidence', value: '"history of CR-20417" (a statement\'s or case\'s whole story), "how is my team doing this month?", "dashboard"' },
      { title: 'Reminders', value: 'I remind you at half and three quarters of the time allowed and when it is due; "morning digest on" adds a list of what is due each working morning' },
    ],
    quote: null,
    followUps: EXAMPLES.slice(0, 2),
  });
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
