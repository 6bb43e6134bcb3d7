import { rule } from '../domain/rule';
export const card = rule;
