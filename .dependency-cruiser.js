/**
 * The folders are the architecture (conventions.md): dependencies point one way, inward.
 *
 *   standards/                 the engine: imports nothing of the project's
 *   domain/                    standards/ and its own ports
 *   storage/                   domain/ ports (and, as types, the records they speak) and standards/
 *   cards/                     domain/ and standards/
 *   dialogs/, scheduler/       cards/, domain/, standards/ — and never each other
 *   api/                       domain/, standards/ (never bot/, dialogs/, scheduler/, cards/)
 *   cli/                       dialogs/ (understanding), domain/, standards/, storage/
 *   bot/                       the Teams edge and entry point: may import any of the above
 *   manifest/                  the bot's command list, nothing else of bot/
 *
 * Only bot/ speaks to Teams (botbuilder, teams-ai); nothing imports bot/ but its entry
 * point (and manifest/ reading the command list); production code imports no test,
 * fixture, bench or script; no module cycle and no cycle between folders. bench/ and
 * scripts/ are checked too; tests are not cruised (see options). test/depcruise.spec.ts runs these rules over a fixture tree of
 * deliberate violations (test/depcruise-fixture/) to prove each one bites.
 */
const path = require('path');

const PRODUCTION = '^(standards|domain|storage|cards|dialogs|scheduler|api|cli|bot|manifest)/';
/** Production code, its tests left out (a spec may use test helpers and fixtures). */
const SHIPPED = { path: PRODUCTION, pathNot: '(\\.spec\\.ts$|^storage/contract/)' };
const TEAMS_SDK = 'node_modules/(botbuilder[^/]*|botframework-[^/]+|@microsoft/teams-ai)/';

/** `from` may import none of `folders` (its tests neither, unless `testsToo` is false). */
function mayNotImport(name, from, folders, comment, testsToo = true) {
  return {
    name,
    comment,
    severity: 'error',
    from: testsToo ? { path: `^${from}/` } : { path: `^${from}/`, pathNot: '\\.spec\\.ts$' },
    to: { path: `^(${folders.join('|')})/` },
  };
}

module.exports = {
  forbidden: [
    mayNotImport('standards-is-pure', 'standards', ['domain', 'storage', 'cards', 'dialogs', 'scheduler', 'api', 'cli', 'bot', 'manifest', 'test', 'bench', 'scripts'], 'standards/ is the engine: it imports no other folder of the project'),
    mayNotImport('domain-uses-ports-only', 'domain', ['storage', 'cards', 'dialogs', 'scheduler', 'api', 'cli', 'bot', 'manifest', 'test', 'bench', 'scripts'], 'domain/ imports standards/ and its own ports, never an adapter or an edge'),
    mayNotImport('storage-implements-ports', 'storage', ['cards', 'dialogs', 'scheduler', 'api', 'cli', 'bot', 'manifest', 'bench', 'scripts'], 'storage/ implements the ports of domain/ and knows nothing of the edges'),
    {
      name: 'storage-uses-domain-ports-only',
      comment: 'storage/ may run only the ports of domain/; the records they speak (Statement, Person…) it imports as types',
      severity: 'error',
      from: { path: '^storage/' },
      to: { path: '^domain/', pathNot: '^domain/ports/', dependencyTypesNot: ['type-only'] },
    },
    mayNotImport('cards-layer', 'cards', ['storage', 'dialogs', 'scheduler', 'api', 'cli', 'bot', 'manifest', 'bench', 'scripts'], 'cards/ decides what a card shows from domain/ and standards/ only', false),
    mayNotImport('dialogs-layer', 'dialogs', ['scheduler', 'storage', 'api', 'cli', 'bot', 'manifest', 'bench', 'scripts'], 'dialogs/ imports cards/, domain/ and standards/ only: never scheduler/, never the Teams edge', false),
    mayNotImport('scheduler-layer', 'scheduler', ['dialogs', 'storage', 'api', 'cli', 'bot', 'manifest', 'bench', 'scripts'], 'scheduler/ imports cards/, domain/ and standards/ only (it declares the outbound port bot/ implements): never dialogs/, never the Teams edge', false),
    mayNotImport('api-layer', 'api', ['bot', 'dialogs', 'scheduler', 'cards', 'cli', 'manifest', 'bench', 'scripts'], 'api/ serves HTTP over domain/: none of bot/, dialogs/, scheduler/, cards/', false),
    mayNotImport('cli-layer', 'cli', ['bot', 'scheduler', 'cards', 'api', 'manifest', 'bench', 'scripts'], 'cli/ is the heard command: understanding (dialogs/), domain/, standards/ and the store', false),
    mayNotImport('bot-is-not-packaging', 'bot', ['manifest'], 'manifest/ packages the bot (it reads bot/commands.ts); the bot does not read the packaging'),
    {
      name: 'only-bot-speaks-teams',
      comment: 'only bot/ imports botbuilder and @microsoft/teams-ai: everything else speaks cards and ports',
      severity: 'error',
      from: { path: `${PRODUCTION}|^(bench|scripts)/`, pathNot: '^bot/' },
      to: { path: TEAMS_SDK },
    },
    {
      name: 'nothing-imports-bot',
      comment: 'bot/ is the entry point: nothing imports it (manifest/ reads its command list only)',
      severity: 'error',
      from: { path: '^(standards|domain|storage|cards|dialogs|scheduler|api|cli|bench|scripts)/' },
      to: { path: '^bot/' },
    },
    {
      name: 'manifest-reads-commands-only',
      comment: 'manifest/ takes the command list from bot/commands.ts and nothing else of bot/',
      severity: 'error',
      from: { path: '^manifest/' },
      to: { path: '^bot/', pathNot: '^bot/commands\\.ts$' },
    },
    {
      name: 'no-test-code-in-production',
      comment: 'production code imports no test, fixture, contract suite, bench or script',
      severity: 'error',
      from: SHIPPED,
      to: { path: '(^test/|^bench/|^scripts/|^storage/contract/|\\.spec\\.ts$|\\.fixture\\.ts$)' },
    },
    {
      name: 'no-circular',
      comment: 'no module imports itself, however indirectly',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-cycle',
      comment: 'no folder imports, however indirectly, a folder that imports it (scheduler → bot → scheduler)',
      severity: 'error',
      scope: 'folder',
      from: { path: '^[^/]+/?$' },
      to: { path: '^[^/]+/?$', circular: true },
    },
  ],
  options: {
    // Tests are not architecture: specs, test/ and the storage contract suite are not cruised (a test may import what it
    // tests and its helpers, and folder cycles through them mean nothing), but production
    // code importing them is still seen and refused (no-test-code-in-production).
    doNotFollow: { path: '(node_modules|^test/|^storage/contract/|\\.spec\\.ts$)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: path.join(__dirname, 'tsconfig.json') },
    exclude: { path: '(^dist/|^test/depcruise-fixture/)' },
  },
};
