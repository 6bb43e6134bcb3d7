/**
 * The folders are the architecture (conventions.md): dependencies point inward.
 * `standards/` is the pure engine and imports nothing of the project's.
 */
module.exports = {
  forbidden: [
    {
      name: 'standards-is-pure',
      comment: 'standards/ is the engine: it may not import any other folder of the project',
      severity: 'error',
      from: { path: '^standards/' },
      to: { path: '^(domain|storage|cli|api|bot|cards|dialogs|scheduler|test|bench)/' },
    },
    {
      name: 'domain-uses-ports-only',
      comment: 'domain/ may import standards/ and its own ports, never an adapter or the edges',
      severity: 'error',
      from: { path: '^domain/' },
      to: { path: '^(storage|cli|api|bot|cards|dialogs|scheduler|test|bench)/' },
    },
    {
      name: 'no-tests-in-production',
      comment: 'production code may not import test code',
      severity: 'error',
      from: { path: '^(standards|domain|storage|cli|api|bot|cards|dialogs|scheduler)/', pathNot: '\\.spec\\.ts$' },
      to: { path: '(^test/|\\.spec\\.ts$)' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '(^dist/|node_modules)' },
  },
};
