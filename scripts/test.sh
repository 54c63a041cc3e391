#!/usr/bin/env bash
# The full test suite: type-check the whole monorepo (the web app's browser code with its own
# tsconfig), then every mocha test.
# Needs PostgreSQL and Redis (DATABASE_URL / REDIS_URL, defaults 127.0.0.1).
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsc -p tsconfig.json --noEmit
npx tsc -p services/web/tsconfig.json --noEmit
npx mocha \
  'services/*/test/**/*.test.ts' \
  'k8s/test/**/*.test.ts' \
  'eks-infra/test/**/*.test.ts' \
  'scripts/test/**/*.test.ts' \
  'eval/test/**/*.test.ts' \
  "$@"
