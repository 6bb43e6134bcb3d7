import { sweep } from '../scheduler/sweep';
export const asksScheduler = sweep;
