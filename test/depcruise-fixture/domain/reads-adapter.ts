import { adapter } from '../storage/adapter';
export const readsAdapter = adapter;
