import type { Record1 } from '../record';
export interface Store {
  get(): Record1;
}
