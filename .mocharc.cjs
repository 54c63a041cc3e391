// One mocha run for the whole monorepo. TypeScript is loaded through tsx, which also
// maps the @medgrade/* workspace packages to their sources (see tsconfig.json paths).
module.exports = {
  'node-option': ['import=tsx'],
  spec: [
    'services/*/test/**/*.test.ts',
    'k8s/test/**/*.test.ts',
    'eks-infra/test/**/*.test.ts',
    'scripts/test/**/*.test.ts',
  ],
  timeout: 30000,
  exit: true,
  reporter: 'spec',
};
