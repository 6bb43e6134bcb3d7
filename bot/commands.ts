/** Where a command can be used: Teams' bot scopes. */
export type CommandScope = 'personal' | 'team' | 'groupChat';

/**
 * The commands the bot understands today, as the Teams manifest lists them (the
 * manifest test checks the two agree). Each works end to end in every listed scope.
 */
export interface BotCommand {
  /** What the user types (case-insensitive). */
  title: string;
  description: string;
  /** Statements are private: commands that show them are offered in the personal chat only. */
  scopes: readonly CommandScope[];
}

/** @example BOT_COMMANDS.filter((c) => c.scopes.includes('team')).map((c) => c.title); // ['help'] */
export const BOT_COMMANDS: readonly BotCommand[] = [
  { title: 'help', description: 'What Heard can do for you', scopes: ['personal', 'team', 'groupChat'] },
  { title: 'my statements', description: 'Your open statements, with the clocks that are running', scopes: ['personal'] },
];
