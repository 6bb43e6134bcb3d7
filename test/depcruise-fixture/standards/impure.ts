import { rule } from '../domain/rule';
export const impure = rule;
