/** Where a command can be used: Teams' bot scopes. */
export type CommandScope = 'personal' | 'team' | 'groupChat';

/**
 * Suggested messages, as the Teams manifest lists them (the manifest test checks the two
 * agree); anything else typed goes to the conversation too. Each works end to end in
 * every listed scope.
 */
export interface BotCommand {
  /** What the user types (case-insensitive). */
  title: string;
  description: string;
  /** Statements are private: commands that show them are offered in the personal chat only. */
  scopes: readonly CommandScope[];
}

/** @example BOT_COMMANDS.filter((c) => c.scopes.includes('team')).map((c) => c.title); // ['help', '10 working days before 12 March'] */
export const BOT_COMMANDS: readonly BotCommand[] = [
  { title: 'help', description: 'What Heard can do for you', scopes: ['personal', 'team', 'groupChat'] },
  { title: 'my statements', description: 'Your open statements, with the clocks that are running', scopes: ['personal'] },
  { title: "what's due this week", description: 'Your deadlines this week, by day, with the standard behind each', scopes: ['personal'] },
  { title: 'anything overdue?', description: 'What has passed its deadline', scopes: ['personal'] },
  { title: "what's due for my team", description: 'For managers: each person\'s due and overdue items', scopes: ['personal'] },
  { title: "what's in the queue", description: 'For the participation team: statements nobody has yet', scopes: ['personal'] },
  { title: 'dashboard', description: 'Your figures: deadlines met on time, what was missed, what is overdue, children heard', scopes: ['personal'] },
  { title: 'morning digest on', description: 'Each working morning, what is due for you that day', scopes: ['personal'] },
  { title: 'morning digest off', description: 'Stop the morning digest of what is due that day', scopes: ['personal'] },
  { title: '10 working days before 12 March', description: 'Working-day arithmetic on the council calendar', scopes: ['personal', 'team', 'groupChat'] },
];
