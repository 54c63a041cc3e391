# syntax=docker/dockerfile:1.7
# One image for every medgrade service. The Deployment of each service picks its entry
# point with args (services/<name>/dist/main.js); see docs/kubernetes.md for why one image.

ARG NODE_IMAGE=node:22.21.1-bookworm-slim

# ---- manifests: only the package.json files, so that a source change leaves npm ci cached
FROM ${NODE_IMAGE} AS manifests
WORKDIR /app
COPY package.json package-lock.json ./
COPY services/ ./services/
COPY k8s/package.json ./k8s/
COPY eks-infra/package.json ./eks-infra/
COPY scripts/package.json ./scripts/
RUN find services -type f ! -name package.json -delete && find services -type d -empty -delete

# ---- build: install everything, compile each workspace with its tsconfig.build.json
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY --from=manifests /app/ ./
# Install scripts stay off, as in development: native modules (argon2) ship prebuilt binaries.
RUN --mount=type=cache,target=/root/.npm \
    npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.base.json ./
COPY proto/ ./proto/
COPY services/ ./services/
# Every workspace under services/ builds, its libraries first (core, kit, data, and worker, which the
# gateway embeds; the rest in name order). The web app's build is among them: services/web/dist, the
# static app the gateway serves at /.
RUN npm run build --if-present $(node -e "const fs = require('fs'); const first = ['core', 'kit', 'data', 'worker']; \
    const rest = fs.readdirSync('services').filter((d) => !first.includes(d) && fs.existsSync('services/' + d + '/package.json')).sort(); \
    console.log([...first, ...rest].map((d) => '-w services/' + d).join(' '))")

# ---- dist: each workspace's compiled output, without sources or tests
FROM build AS dist
RUN find services -path '*/dist/*' -type f -exec cp --parents {} /tmp/ \; && mv /tmp/services /dist

# ---- prod-deps: production dependencies only
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY --from=manifests /app/ ./
# Then drop the operator-tooling workspaces (k8s, eks-infra, scripts) and what only they need.
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && node -e "const f='package.json',p=require('./'+f);p.workspaces=p.workspaces.filter(w=>w.startsWith('services/'));require('fs').writeFileSync(f,JSON.stringify(p,null,2))" \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund \
 && rm -rf k8s eks-infra scripts

# ---- runtime
FROM ${NODE_IMAGE} AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid 10001 medgrade \
 && useradd --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin medgrade
# RDS presents certificates from the Amazon RDS CA; pg verifies against this bundle (RDS_CA_BUNDLE).
ADD --chmod=0644 https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem /etc/ssl/certs/rds-global-bundle.pem
WORKDIR /app
ENV NODE_ENV=production \
    RDS_CA_BUNDLE=/etc/ssl/certs/rds-global-bundle.pem
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=prod-deps /app/package.json ./package.json
# Each workspace's package.json (module resolution) and compiled dist/: no sources, no tests.
COPY --from=manifests /app/services ./services
COPY --from=dist /dist/ ./services/
COPY proto/ ./proto/
# Code stays root-owned and read-only to the service user.
USER 10001:10001
# tini is PID 1: it forwards SIGTERM to node and reaps children; node (never npm) runs the service.
ENTRYPOINT ["/usr/bin/tini", "--", "node"]
CMD ["services/gateway/dist/main.js"]
