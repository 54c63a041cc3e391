// The version a process reports in traces (service.version) and health answers
// (medgrade-version metadata). Deployments set MEDGRADE_VERSION to the image tag.
// Kept free of imports so both the telemetry bootstrap and gRPC code can read it.

export const DEFAULT_VERSION = '0.1.0';

export function serviceVersion(env: NodeJS.ProcessEnv = process.env): string {
  return env.MEDGRADE_VERSION?.trim() || DEFAULT_VERSION;
}
