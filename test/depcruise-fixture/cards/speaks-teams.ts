import type { Activity } from 'botbuilder';
export type SpeaksTeams = Activity;
