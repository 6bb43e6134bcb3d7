import type { TurnContext } from 'botbuilder';
import { sweep } from '../scheduler/sweep';
export const edge = sweep;
export type Turn = TurnContext;
