import { execFileSync } from 'child_process';
import * as path from 'path';

/**
 * The architecture is checked by machine (`npm run depcruise`, `.dependency-cruiser.js`).
 * Passing proves nothing unless the rules can fail: here they run over a fixture tree laid
 * out like the repository (`test/depcruise-fixture/`, left out of the real run) in which
 * each file breaks one rule on purpose, and every break must be reported — and nothing else.
 */
const ROOT = path.join(__dirname, '..');
const FIXTURE = path.join(__dirname, 'depcruise-fixture');
const CONFIG = path.join(ROOT, '.dependency-cruiser.js');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

function violationsInFixture(): string[] {
  const out = execFileSync(
    process.execPath,
    [path.join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs'), '--config', CONFIG, '--output-type', 'json', 'standards', 'domain', 'storage', 'cards', 'dialogs', 'scheduler', 'api', 'cli', 'bot', 'manifest', 'bench', 'scripts', 'test'],
    { cwd: FIXTURE, maxBuffer: 32 << 20 },
  );
  const result = JSON.parse(out.toString('utf8')) as { summary: { violations: Violation[] } };
  return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to.replace(/^(\.\.\/)+node_modules\/([^/]+)\/.*$/, '$2')}`).sort();
}

describe('the dependency rules bite', () => {
  const found = violationsInFixture();

  it('reports every deliberate violation in the fixture tree, and nothing that keeps the rules', () => {
    expect(found).toEqual(
      [
        // Only bot/ speaks to Teams; nothing imports bot/ but its entry point (manifest/ its command list).
        'only-bot-speaks-teams: cards/speaks-teams.ts → botbuilder',
        'nothing-imports-bot: cards/reaches-into-bot.ts → bot/teams-edge.ts',
        'nothing-imports-bot: scheduler/sends-through-bot.ts → bot/teams-edge.ts',
        'nothing-imports-bot: bench/drives-bot.ts → bot/teams-edge.ts',
        'nothing-imports-bot: scripts/demo/seeds-through-bot.ts → bot/teams-edge.ts',
        'manifest-reads-commands-only: manifest/reads-edge.ts → bot/teams-edge.ts',
        'bot-is-not-packaging: bot/reads-packaging.ts → manifest/reads-commands.ts',
        // Each layer imports only the layers inside it.
        'standards-is-pure: standards/impure.ts → domain/rule.ts',
        'domain-uses-ports-only: domain/reads-adapter.ts → storage/adapter.ts',
        'domain-uses-ports-only: domain/uses-fixture.ts → test/helper.fixture.ts',
        'storage-implements-ports: storage/renders-card.ts → cards/card.ts',
        'storage-uses-domain-ports-only: storage/runs-domain.ts → domain/rule.ts',
        'cards-layer: cards/reaches-into-bot.ts → bot/teams-edge.ts',
        'dialogs-layer: dialogs/asks-scheduler.ts → scheduler/sweep.ts',
        'scheduler-layer: scheduler/sends-through-bot.ts → bot/teams-edge.ts',
        'api-layer: api/renders-card.ts → cards/card.ts',
        'cli-layer: cli/uses-scheduler.ts → scheduler/sweep.ts',
        // No fixture in production code.
        'no-test-code-in-production: domain/uses-fixture.ts → test/helper.fixture.ts',
        // No cycle between modules, nor between folders.
        'no-circular: cards/cycle-a.ts → cards/cycle-b.ts',
        'no-folder-cycle: bot → manifest',
        'no-folder-cycle: manifest → bot',
        'no-folder-cycle: bot → scheduler',
        'no-folder-cycle: scheduler → bot',
        'no-folder-cycle: cards → bot',
        'no-folder-cycle: scheduler → cards',
        'no-folder-cycle: domain → standards',
        'no-folder-cycle: standards → domain',
        'no-folder-cycle: domain → storage',
        'no-folder-cycle: storage → domain',
        'no-folder-cycle: storage → cards',
        'no-folder-cycle: cards → domain',
      ].sort(),
    );
  });

  it('has a deliberate violation for every rule it declares', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const rules = (require(CONFIG) as { forbidden: { name: string }[] }).forbidden.map((r) => r.name);
    const broken = new Set(found.map((v) => v.slice(0, v.indexOf(':'))));
    expect(rules.filter((name) => !broken.has(name))).toEqual([]);
  });
});
