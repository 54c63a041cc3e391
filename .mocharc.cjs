// Shared mocha settings. TypeScript is loaded through tsx, which also maps the @medgrade/*
// workspace packages to their sources (see tsconfig.json paths). The spec list lives in
// scripts/test.sh so that `npx mocha some.test.ts` runs just that file.
module.exports = {
  'node-option': ['import=tsx'],
  timeout: 30000,
  exit: true,
  reporter: 'spec',
};
