import type { Store } from '../domain/ports/store.port';
import type { Record1 } from '../domain/record';
export const adapter: Store = { get: (): Record1 => ({ id: 'a' }) };
