import { COMMANDS } from '../bot/commands';
export const readsCommands = COMMANDS;
