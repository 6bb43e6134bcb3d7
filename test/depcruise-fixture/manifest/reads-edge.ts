import { edge } from '../bot/teams-edge';
export const readsEdge = edge;
