// After helm reports the release healthy, check it from the outside through the ALB: the
// gateway's /health and the per-service /services/status must both answer 200.
import { DeployError } from './errors';

export const SMOKE_PATHS = ['/health', '/services/status'] as const;

export interface SmokeOptions {
  baseUrl: string;
  /** ALB DNS names take a few minutes to resolve after creation. */
  attempts?: number;
  delayMs?: number;
  fetchImpl?: typeof fetch;
}

export async function smokeCheck({ baseUrl, attempts = 30, delayMs = 10_000, fetchImpl = fetch }: SmokeOptions): Promise<void> {
  for (const route of SMOKE_PATHS) {
    const url = new URL(route, baseUrl).toString();
    let last = '';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const response = await fetchImpl(url, { signal: AbortSignal.timeout(10_000) });
        if (response.status === 200) { last = ''; break; }
        last = `HTTP ${response.status}`;
      } catch (error) {
        last = (error as Error).message;
      }
      if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
    if (last) throw new DeployError(`smoke check ${url} failed after ${attempts} attempts: ${last}`);
    console.log(`smoke check ${url}: 200`);
  }
}
