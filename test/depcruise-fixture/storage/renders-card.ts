import { card } from '../cards/card';
export const rendersCard = card;
