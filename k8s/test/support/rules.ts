// The deployment rules every rendered object set must satisfy (issue 5), as one function
// returning readable violations so a test can both assert none and prove each rule bites.
import { SERVICES } from '@medgrade/kit/catalog';
import { MIN_MEMORY_MI, mebibytes } from '../../src/values';

type Obj = Record<string, any>;

function matches(selector: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

const name = (o: Obj) => `${o.kind}/${o.metadata?.name}`;

function deploymentViolations(d: Obj, hpaTargets: Set<string>, shutdownGraceMs: number): string[] {
  const out: string[] = [];
  const spec = d.spec.template.spec;
  const container = spec.containers?.[0] ?? {};
  const isGateway = d.metadata.name === 'medgrade-gateway';
  for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
    const p = container[probe];
    if (isGateway ? !p?.httpGet : !p?.grpc) out.push(`${name(d)}: ${probe} must be ${isGateway ? 'httpGet' : 'grpc'}`);
  }
  const memory = container.resources?.requests?.memory;
  if (!memory || mebibytes(memory) < MIN_MEMORY_MI) out.push(`${name(d)}: memory request below ${MIN_MEMORY_MI}Mi`);
  if (!container.resources?.limits?.memory) out.push(`${name(d)}: no memory limit`);
  const sc = container.securityContext ?? {};
  if (!(sc.runAsNonRoot && sc.readOnlyRootFilesystem && sc.allowPrivilegeEscalation === false
    && sc.capabilities?.drop?.includes('ALL') && sc.seccompProfile?.type === 'RuntimeDefault')) {
    out.push(`${name(d)}: container securityContext is not hardened`);
  }
  const tmp = container.volumeMounts?.find((m: Obj) => m.mountPath === '/tmp');
  if (!tmp || !spec.volumes?.some((v: Obj) => v.name === tmp.name && v.emptyDir)) out.push(`${name(d)}: no writable /tmp emptyDir`);
  if (spec.enableServiceLinks !== false) out.push(`${name(d)}: enableServiceLinks must be false`);
  if ((spec.topologySpreadConstraints ?? []).length < 2) out.push(`${name(d)}: no zone and node topology spread`);
  if (hpaTargets.has(d.metadata.name) && d.spec.replicas !== undefined) out.push(`${name(d)}: sets replicas although an HPA owns it`);
  const preStop = Number(container.lifecycle?.preStop?.exec?.command?.[1] ?? NaN);
  if (!(spec.terminationGracePeriodSeconds * 1000 > preStop * 1000 + shutdownGraceMs)) {
    out.push(`${name(d)}: terminationGracePeriodSeconds does not cover preStop + SHUTDOWN_GRACE_MS`);
  }
  for (const key of ['app.kubernetes.io/name', 'app.kubernetes.io/instance', 'app.kubernetes.io/component', 'app.kubernetes.io/part-of', 'app.kubernetes.io/managed-by']) {
    if (!d.spec.template.metadata?.labels?.[key]) out.push(`${name(d)}: pod label ${key} missing`);
  }
  return out;
}

/** Every rule violation in one rendered object set (an environment's manifests or a chart render). */
export function ruleViolations(objects: Obj[]): string[] {
  const out: string[] = [];
  const of = (kind: string) => objects.filter((o) => o.kind === kind);
  const workloads = [...of('Deployment'), ...of('StatefulSet')];
  const hpas = of('HorizontalPodAutoscaler');
  const hpaTargets = new Set<string>();
  for (const h of hpas) {
    const ref = h.spec.scaleTargetRef;
    if (h.apiVersion !== 'autoscaling/v2') out.push(`${name(h)}: must be autoscaling/v2`);
    if (!of(ref.kind).some((d) => d.metadata.name === ref.name)) out.push(`${name(h)}: targets missing ${ref.kind}/${ref.name}`);
    hpaTargets.add(ref.name);
    if (!Number.isInteger(h.spec.minReplicas) || !Number.isInteger(h.spec.maxReplicas)) out.push(`${name(h)}: replicas bounds must be integers`);
  }
  const config = of('ConfigMap').find((c) => c.metadata.name === 'medgrade-config');
  const graceMs = Number(config?.data?.SHUTDOWN_GRACE_MS ?? NaN);
  for (const d of of('Deployment')) out.push(...deploymentViolations(d, hpaTargets, graceMs));
  for (const spec of SERVICES) {
    const dep = `medgrade-${spec.name}`;
    if (!of('Deployment').some((d) => d.metadata.name === dep)) out.push(`Deployment/${dep} missing`);
    if (!hpaTargets.has(dep)) out.push(`Deployment/${dep} has no HPA`);
    if (!of('PodDisruptionBudget').some((p) => p.metadata.name === dep)) out.push(`PodDisruptionBudget/${dep} missing`);
  }
  for (const s of of('Service')) {
    const selector = s.spec.selector ?? {};
    const pods = workloads.filter((w) => matches(selector, w.spec.template.metadata?.labels));
    if (Object.keys(selector).length === 0 || pods.length === 0) out.push(`${name(s)}: selector matches no pods`);
    for (const port of s.spec.ports ?? []) {
      const target = port.targetPort ?? port.port;
      const exposed = pods.some((w) => w.spec.template.spec.containers.some((c: Obj) => (c.ports ?? []).some((p: Obj) => p.containerPort === target || p.name === target)));
      if (!exposed) out.push(`${name(s)}: port ${port.port} targets nothing`);
    }
  }
  for (const p of of('PodDisruptionBudget')) {
    if (!workloads.some((w) => matches(p.spec.selector.matchLabels, w.spec.template.metadata?.labels))) out.push(`${name(p)}: selects no pods`);
  }
  return out;
}
