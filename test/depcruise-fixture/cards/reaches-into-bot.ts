import { edge } from '../bot/teams-edge';
export const reachesIntoBot = edge;
