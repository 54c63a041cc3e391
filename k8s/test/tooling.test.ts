import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SERVICES } from '@medgrade/kit/catalog';
import { APP_UID } from '../src/labels';
import { REPO_ROOT } from '../src/synth';
import { helmOk, helmTemplate } from './support/helm';

type Obj = Record<string, any>;
const read = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');
const exists = (path: string) => existsSync(join(REPO_ROOT, path));

/** JSON Pointer lookup; undefined when the path does not exist. */
function at(doc: unknown, pointer: string): unknown {
  return pointer.split('/').slice(1).reduce<unknown>((cur, token) => {
    if (cur === undefined || cur === null || typeof cur !== 'object') return undefined;
    return (cur as Record<string, unknown>)[token.replace(/~1/g, '/').replace(/~0/g, '~')];
  }, doc);
}

interface Stage { base: string; name?: string; lines: string[] }

/** Dockerfile stages with their instructions (continuation lines joined). */
function dockerStages(text: string): Stage[] {
  const args = Object.fromEntries([...text.matchAll(/^ARG (\w+)=(\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
  const instructions = text.replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of instructions) {
    const from = /^FROM (\S+)(?: AS (\S+))?$/i.exec(line);
    if (from) stages.push({ base: from[1]!.replace(/\$\{(\w+)\}/g, (_m, n: string) => args[n] ?? ''), name: from[2], lines: [] });
    else stages.at(-1)?.lines.push(line);
  }
  return stages;
}

describe('image, skaffold and kind configuration (offline checks)', () => {
  const skaffold = parse(read('skaffold.yaml')) as Obj;
  const kind = parse(read('kind-config.yaml')) as Obj;
  const dockerfile = read('Dockerfile');
  const stages = dockerStages(dockerfile);

  it('skaffold.yaml uses a v4beta schema and builds only from files that exist', () => {
    assert.match(skaffold.apiVersion, /^skaffold\/v4beta\d+$/);
    assert.equal(skaffold.kind, 'Config');
    for (const artifact of skaffold.build.artifacts) {
      assert.ok(exists(artifact.context), artifact.context);
      const dockerfilePath = join(artifact.context, artifact.docker.dockerfile);
      assert.ok(exists(dockerfilePath), dockerfilePath);
      if (artifact.docker.target) assert.ok(stages.some((s) => s.name === artifact.docker.target), `stage ${artifact.docker.target}`);
    }
  });

  it('skaffold deploys the generated chart with values files and value templates that exist', () => {
    const images = skaffold.build.artifacts.map((a: Obj) => a.image.replace(/[^A-Za-z0-9]/g, '_'));
    const valuesFiles: string[] = [];
    for (const release of skaffold.manifests.helm.releases) {
      assert.ok(exists(join(release.chartPath, 'Chart.yaml')), release.chartPath);
      valuesFiles.push(...release.valuesFiles);
      const chartValues = parse(read(join(release.chartPath, 'values.yaml')));
      for (const [key, template] of Object.entries(release.setValueTemplates as Record<string, string>)) {
        assert.notEqual(at(chartValues, `/${key.split('.').join('/')}`), undefined, `${key} is a chart value`);
        for (const m of template.matchAll(/\{\{\.IMAGE_(?:FULLY_QUALIFIED|REPO_NO_DOMAIN|REPO|TAG|DIGEST|DOMAIN)_(\w+)\}\}/g)) assert.ok(images.includes(m[1]), template);
      }
    }
    for (const profile of skaffold.profiles) {
      for (const patch of profile.patches ?? []) {
        const parent = patch.path.split('/').slice(0, -1).join('/');
        if (patch.op === 'replace') assert.notEqual(at(skaffold, patch.path), undefined, `${profile.name}: ${patch.path}`);
        else assert.notEqual(parent ? at(skaffold, parent) : skaffold, undefined, `${profile.name}: ${parent}`);
        if (patch.path.endsWith('/valuesFiles')) valuesFiles.push(...patch.value);
      }
    }
    for (const f of valuesFiles) assert.ok(exists(f), f);
    assert.deepEqual(skaffold.profiles.map((p: Obj) => p.name).sort(), ['eks', 'kind']);
  });

  it('every service the image runs has a Deployment, and every Deployment runs a service of the image', async () => {
    const chart = await helmTemplate('kind');
    const deployments = chart.all.filter((o) => o.kind === 'Deployment');
    const artifact = skaffold.build.artifacts[0].image;
    assert.equal(skaffold.build.artifacts.length, 1, 'one image for every service');
    for (const spec of SERVICES) {
      const d = deployments.find((x) => x.metadata.name === `medgrade-${spec.name}`);
      assert.ok(d, spec.name);
      const c = d.spec.template.spec.containers[0];
      assert.match(c.image, new RegExp(`/${artifact}:`));
      assert.deepEqual(c.args, [`services/${spec.name}/dist/main.js`]);
      // The image compiles services/<name>/src/main.ts with its tsconfig.build.json into that path.
      assert.ok(exists(`services/${spec.name}/src/main.ts`) && exists(`services/${spec.name}/tsconfig.build.json`), spec.name);
    }
    assert.equal(deployments.length, SERVICES.length);
    const forward = skaffold.profiles.find((p: Obj) => p.name === 'kind').patches.find((p: Obj) => p.path === '/portForward').value[0];
    const gateway = chart.all.find((o) => o.kind === 'Service' && o.metadata.name === forward.resourceName);
    assert.equal(gateway?.spec.ports[0].port, forward.port);
    assert.equal(forward.localPort, 8080);
  });

  it('kind-config.yaml gives the ingress ports, the ingress-ready node and two zones; names match skaffold and kind-up', () => {
    assert.equal(kind.apiVersion, 'kind.x-k8s.io/v1alpha4');
    assert.equal(kind.kind, 'Cluster');
    const ingressNode = kind.nodes.find((n: Obj) => n.labels?.['ingress-ready'] === 'true');
    assert.deepEqual(ingressNode.extraPortMappings.map((m: Obj) => m.hostPort).sort(), [443, 80]);
    assert.ok(new Set(kind.nodes.map((n: Obj) => n.labels?.['topology.kubernetes.io/zone'])).size >= 2);
    const activation = skaffold.profiles.find((p: Obj) => p.name === 'kind').activation[0].kubeContext;
    assert.equal(activation, `kind-${kind.name}`);
    const kindUp = read('scripts/kind-up.sh');
    assert.match(kindUp, new RegExp(`^CLUSTER=${kind.name}$`, 'm'));
    assert.match(kindUp, /--config kind-config\.yaml/);
    assert.match(kindUp, /metrics-server/);
    assert.match(kindUp, /ingress-nginx/);
    assert.match(kindUp, /skaffold dev/);
  });

  it('docs/kubernetes.md and skaffold.yaml name the skaffold schema, kind node image and Helm they are written for', async () => {
    const docs = read('docs/kubernetes.md');
    assert.ok(docs.includes(`schema \`${skaffold.apiVersion}\``), skaffold.apiVersion);
    for (const node of kind.nodes) assert.ok(docs.includes(`node image \`${node.image}\``), node.image);
    const [, minor = '', patch = ''] = /^v(\d+\.\d+)\.(\d+)/.exec(await helmOk(['version', '--short'])) ?? [];
    assert.ok(docs.includes(`| Helm | v${minor} (the tests run v${minor}.${patch})`), `Helm ${minor}`);
    assert.match(read('skaffold.yaml'), new RegExp(`^# skaffold v[\\d.]+ \\(schema ${skaffold.apiVersion}; .*Helm ${minor.replace('.', '\\.')}\\.$`, 'm'));
  });

  it('kind-up creates every Secret the kind values read', () => {
    const values = parse(read('charts/medgrade/ci/kind.yaml'));
    const base = parse(read('charts/medgrade/values.yaml'));
    const kindUp = read('scripts/kind-up.sh');
    const jwt = values.jwt?.secret ?? base.jwt.secret;
    assert.match(kindUp, new RegExp(`create_secret ${jwt.name} ${jwt.key}`));
    assert.match(kindUp, new RegExp(`create_secret ${base.postgres.passwordSecret.name} ${base.postgres.passwordSecret.key}`));
    assert.match(kindUp, new RegExp(`secret generic ${base.bootstrapAdmin.secretName} .*--from-literal=email=.*--from-literal=password=`, 's'));
  });

  it('Dockerfile: multi-stage, npm ci with a cache mount, Node >= 22, non-root, node under an init as PID 1', () => {
    assert.ok(stages.length >= 2, 'multi-stage');
    for (const s of stages) {
      const major = Number(/^node:(\d+)/.exec(s.base)?.[1] ?? (stages.some((x) => x.name === s.base) ? 99 : 0));
      assert.ok(major >= 22, `base ${s.base}`);
    }
    assert.ok(stages.some((s) => s.lines.some((l) => /^RUN --mount=type=cache,target=\/root\/\.npm .*npm ci /.test(l))), 'npm ci with a cache mount');
    assert.ok(stages.some((s) => s.lines.some((l) => /npm ci .*--omit=dev/.test(l))), 'production dependencies only');
    const runtime = stages.at(-1)!;
    const user = runtime.lines.filter((l) => l.startsWith('USER ')).at(-1);
    assert.ok(user, 'USER in the final stage');
    assert.equal(user, `USER ${APP_UID}:${APP_UID}`, 'the UID the manifests run as');
    const entrypoint = JSON.parse(runtime.lines.find((l) => l.startsWith('ENTRYPOINT '))!.slice('ENTRYPOINT '.length)) as string[];
    assert.ok(!entrypoint.includes('npm') && entrypoint.includes('node'), 'node, never npm');
    assert.ok(/tini$/.test(entrypoint[0]!) && entrypoint[1] === '--', 'tini as PID 1');
    assert.ok(!runtime.lines.some((l) => /npm (install|ci|start)/.test(l)), 'no npm in the runtime stage');
    assert.match(runtime.lines.find((l) => l.startsWith('CMD '))!, /"services\/gateway\/dist\/main\.js"/);
  });

  it('Dockerfile copies only paths that exist and .dockerignore keeps local artefacts out', () => {
    for (const s of stages) {
      for (const line of s.lines.filter((l) => /^(COPY|ADD) /.test(l) && !/--from=/.test(l) && !/https:\/\//.test(l))) {
        const parts = line.split(/\s+/).filter((p) => !p.startsWith('--')).slice(1, -1);
        for (const src of parts) assert.ok(exists(src), `${line}: ${src}`);
      }
    }
    const ignore = read('.dockerignore').split('\n');
    for (const entry of ['**/node_modules', '**/dist', '.git']) assert.ok(ignore.includes(entry), entry);
    assert.match(dockerfile, /RDS_CA_BUNDLE=\/etc\/ssl\/certs\/rds-global-bundle\.pem/);
  });
});
