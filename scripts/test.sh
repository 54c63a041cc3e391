#!/usr/bin/env bash
# The full test suite: type-check the whole monorepo, then every mocha test.
# Needs PostgreSQL and Redis (DATABASE_URL / REDIS_URL, defaults 127.0.0.1).
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsc -p tsconfig.json --noEmit
npx mocha \
  'services/*/test/**/*.test.ts' \
  'k8s/test/**/*.test.ts' \
  'eks-infra/test/**/*.test.ts' \
  'scripts/test/**/*.test.ts' \
  "$@"
