import { card } from '../cards/card';
export const sweep = card;
