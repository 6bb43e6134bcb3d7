import { aStatement } from './contract/store-fixtures';
import { openStore, type StoreConfig } from './index';

describe('opening the configured store', () => {
  it('opens the embedded store by default configuration', async () => {
    const store = await openStore({ kind: 'embedded', file: ':memory:' });
    await expect(store.statements.insert(aStatement())).resolves.toBe('inserted');
    await store.close();
  });

  it('names a store kind it does not know (a configuration file can say anything)', async () => {
    const config = { kind: 'redis', url: 'redis://localhost' } as unknown as StoreConfig;
    await expect(openStore(config)).rejects.toThrow('unknown store kind "redis"');
  });
});
