# The common loop. Every target is a thin alias of an npm script so CI, the README and
# this file never disagree.
.PHONY: install start test bench lint proto synth build

install:            ## install exactly what package-lock.json says
	npm ci

start:              ## the whole system on loopback ports (embedded PostgreSQL/Redis fallbacks when unset)
	npm start

test:               ## type-check + every test (needs PostgreSQL and Redis, see README)
	npm test

bench:              ## grading throughput in-process and through the REST API
	npm run bench

lint:               ## strict type-check of the whole monorepo
	npm run typecheck

proto:              ## regenerate TypeScript types from proto/ (tests fail on drift)
	npm run proto

synth:              ## regenerate Kubernetes manifests and the Helm chart from k8s/ (tests fail on drift)
	npm run synth

build:              ## compile every workspace to dist/ (what the container image runs)
	npm run build
