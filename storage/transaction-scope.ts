import { AsyncLocalStorage } from 'node:async_hooks';

/** One run of a transaction's work; `active` turns false when it commits or rolls back. */
interface Scope {
  active: boolean;
}

/**
 * Knows whether the code running now is inside a store's transaction, so that a call on
 * the store itself (instead of on the transaction's `tx`) fails with a plain message. On
 * SQLite such a call would otherwise wait for the transaction it belongs to and hang; on
 * MongoDB it would silently run outside the transaction.
 *
 * @example
 * const scopes = new TransactionScopes();
 * scopes.refuseInside('settings.get'); // outside any transaction: returns
 * await scopes.run(async () => scopes.refuseInside('settings.get')); // rejects: use the tx
 */
export class TransactionScopes {
  private readonly storage = new AsyncLocalStorage<Scope>();

  /**
   * Runs `work` inside a new scope; `isActive` tells whether the scope is still open
   * (work may leak a `tx` that is used later).
   *
   * @example
   * await scopes.run(async (isActive) => isActive()); // true
   */
  async run<T>(work: (isActive: () => boolean) => Promise<T>): Promise<T> {
    const scope: Scope = { active: true };
    try {
      return await this.storage.run(scope, () => work(() => scope.active));
    } finally {
      scope.active = false;
    }
  }

  /**
   * Throws if called from inside an open transaction of this store.
   *
   * @example
   * scopes.refuseInside('settings.get'); // returns when not inside scopes.run
   */
  refuseInside(method: string): void {
    if (this.storage.getStore()?.active) {
      throw new Error(
        `store.${method} was called inside store.transaction: use the tx the transaction passes to its work`,
      );
    }
  }
}
