import { sweep } from '../scheduler/sweep';
export const usesScheduler = sweep;
