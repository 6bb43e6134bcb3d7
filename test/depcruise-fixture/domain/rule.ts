import { clock } from '../standards/clock';
export const rule = clock;
