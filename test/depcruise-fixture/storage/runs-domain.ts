import { rule } from '../domain/rule';
export const runsDomain = rule;
