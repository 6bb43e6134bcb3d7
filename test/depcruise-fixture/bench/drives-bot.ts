import { edge } from '../bot/teams-edge';
export const drivesBot = edge;
