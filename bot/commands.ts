/**
 * The commands the bot understands today, as the Teams manifest lists them (the
 * manifest test checks the two agree). Each works end to end in every listed scope.
 */
export interface BotCommand {
  /** What the user types (case-insensitive). */
  title: string;
  description: string;
}

export const BOT_COMMANDS: readonly BotCommand[] = [
  { title: 'help', description: 'What Heard can do for you' },
  { title: 'my statements', description: 'Your open statements, with the clocks that are running' },
];
