import { readsCommands } from '../manifest/reads-commands';
export const readsPackaging = readsCommands;
