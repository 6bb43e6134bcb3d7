import { edge } from '../../bot/teams-edge';
export const seedsThroughBot = edge;
