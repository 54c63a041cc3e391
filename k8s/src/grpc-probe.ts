// Native kubelet gRPC probes (grpc.health.v1). cdk8s-plus-27's Probe has no gRPC variant,
// so this is the one escape hatch: a JSON patch on the synthesized Deployment. When a
// cdk8s-plus with gRPC probes is adopted, only this file changes.
import { JsonPatch } from 'cdk8s';
import type { Deployment } from 'cdk8s-plus-27';
import { patchManifest } from './manifest-patch';

export interface GrpcProbeOptions {
  port: number;
  /** Health service name checked by readiness (reflects the service's dependencies). */
  readinessService: string;
  /** Name checked by liveness and startup; '' is the whole server (alive even when a dependency is down). */
  livenessService?: string;
  containerIndex?: number;
}

export interface GrpcProbe {
  grpc: { port: number; service: string };
  periodSeconds: number;
  timeoutSeconds: number;
  failureThreshold: number;
  successThreshold?: number;
  initialDelaySeconds?: number;
}

export function grpcProbeSet(o: GrpcProbeOptions): { readinessProbe: GrpcProbe; livenessProbe: GrpcProbe; startupProbe: GrpcProbe } {
  const probe = (service: string, periodSeconds: number, failureThreshold: number): GrpcProbe => ({
    grpc: { port: o.port, service }, periodSeconds, timeoutSeconds: 2, failureThreshold,
  });
  const live = o.livenessService ?? '';
  return {
    readinessProbe: { ...probe(o.readinessService, 5, 2), successThreshold: 1 },
    livenessProbe: probe(live, 10, 3),
    // Up to 60 s to start (migrations run at start-up under a lock) before liveness takes over.
    startupProbe: probe(live, 2, 30),
  };
}

export function addGrpcProbes(deployment: Deployment, options: GrpcProbeOptions): void {
  const container = `/spec/template/spec/containers/${options.containerIndex ?? 0}`;
  const probes = grpcProbeSet(options);
  patchManifest(deployment, ...Object.entries(probes).map(([field, probe]) => JsonPatch.add(`${container}/${field}`, probe)));
}
