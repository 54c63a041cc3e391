import * as grpc from '@grpc/grpc-js';
import { service as healthServiceDefinition } from 'grpc-health-check';
import { serviceVersion } from './telemetry/version';

/** Response header of every health Check naming the running version (the gateway's /services/status shows it). */
export const VERSION_METADATA_KEY = 'medgrade-version';

// grpc.health.v1 with one status per service name plus the overall "" entry. Unlike the
// stock implementation, Watch streams are ended at shutdown: an open Watch would otherwise
// count as an in-flight call and hold a graceful shutdown until its deadline.

export type ServingStatus = 'SERVING' | 'NOT_SERVING';

interface StatusWatcher {
  service: string;
  call: grpc.ServerWritableStream<{ service: string }, { status: string }>;
}

export class HealthService {
  private readonly statuses = new Map<string, ServingStatus>();
  private readonly watchers = new Set<StatusWatcher>();

  constructor(serviceNames: readonly string[], initial: ServingStatus = 'NOT_SERVING') {
    for (const name of ['', ...serviceNames]) this.statuses.set(name, initial);
  }

  status(service = ''): ServingStatus | undefined {
    return this.statuses.get(service);
  }

  /** Sets every registered name (and the overall "") to the same status. */
  setAll(status: ServingStatus): void {
    for (const name of this.statuses.keys()) this.set(name, status);
  }

  /**
   * Readiness from dependency probes. The overall "" entry is what liveness probes ask, so
   * it stays SERVING while named services exist: a database outage must take pods out of
   * rotation, not restart them. A process hosting no named service (the worker) has only "".
   */
  setReadiness(status: ServingStatus): void {
    const named = [...this.statuses.keys()].filter((name) => name !== '');
    if (named.length === 0) this.set('', status);
    else {
      this.set('', 'SERVING');
      for (const name of named) this.set(name, status);
    }
  }

  /** Readiness as the dependency probes last set it (the named services', else ""). */
  readiness(): ServingStatus | undefined {
    const named = [...this.statuses.keys()].find((name) => name !== '');
    return this.statuses.get(named ?? '');
  }

  set(service: string, status: ServingStatus): void {
    const changed = this.statuses.get(service) !== status;
    this.statuses.set(service, status);
    if (!changed) return;
    for (const watcher of this.watchers) if (watcher.service === service) watcher.call.write({ status });
  }

  /** Ends every Watch stream (their last message was the NOT_SERVING just sent). */
  endWatches(): void {
    for (const watcher of this.watchers) watcher.call.end();
    this.watchers.clear();
  }

  addToServer(server: grpc.Server): void {
    server.addService(healthServiceDefinition, {
      check: (call: grpc.ServerUnaryCall<{ service: string }, unknown>, callback: grpc.sendUnaryData<unknown>) => {
        const status = this.statuses.get(call.request.service);
        const metadata = new grpc.Metadata();
        metadata.set(VERSION_METADATA_KEY, serviceVersion());
        call.sendMetadata(metadata);
        if (status) callback(null, { status });
        else callback({ code: grpc.status.NOT_FOUND, details: `no health status for service "${call.request.service}"` });
      },
      watch: (call: StatusWatcher['call']) => {
        const watcher: StatusWatcher = { service: call.request.service, call };
        this.watchers.add(watcher);
        call.on('cancelled', () => this.watchers.delete(watcher));
        call.write({ status: this.statuses.get(watcher.service) ?? 'SERVICE_UNKNOWN' });
      },
      list: (_call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => {
        const statuses = Object.fromEntries([...this.statuses].map(([name, status]) => [name, { status }]));
        callback(null, { statuses });
      },
    });
  }
}
