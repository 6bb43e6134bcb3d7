export const COMMANDS: string[] = [];
