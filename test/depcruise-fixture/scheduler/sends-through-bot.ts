import { edge } from '../bot/teams-edge';
export const sendsThroughBot = edge;
