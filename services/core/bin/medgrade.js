#!/usr/bin/env node
// The medgrade command. Runs the compiled library when it has been built (dist/), else the
// TypeScript sources through tsx, so `npx medgrade` works straight from the repository.
'use strict';

const { existsSync } = require('node:fs');
const path = require('node:path');

const compiled = path.join(__dirname, '..', 'dist', 'cli', 'main.js');
let cli;
if (existsSync(compiled)) {
  cli = require(compiled);
} else {
  require('tsx/cjs/api').register();
  cli = require('../src/cli/main.ts');
}

cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
