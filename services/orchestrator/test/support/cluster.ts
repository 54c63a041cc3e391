import type { Env, RunningGrpcService, ServiceModule } from '@medgrade/kit';
import { startTestService } from '@medgrade/kit/testing';
import { service as feedback } from '../../../feedback/src/handlers';
import { service as questionMatching } from '../../../question-matching/src/handlers';
import { service as reasoning } from '../../../reasoning/src/handlers';
import { service as scoring } from '../../../scoring/src/handlers';
import { service as structure } from '../../../structure/src/handlers';
import { service as summary } from '../../../summary/src/handlers';
import { service as transcript } from '../../../transcript/src/handlers';
import { service as orchestrator } from '../../src/handlers';

/** Every service the orchestrator calls, by catalog name. */
export const DOWNSTREAM_MODULES: Record<string, ServiceModule> = {
  transcript,
  'question-matching': questionMatching,
  structure,
  reasoning,
  summary,
  scoring,
  feedback,
};

export const addressVariable = (name: string) => `${name.toUpperCase().replace(/-/g, '_')}_ADDR`;

export interface Cluster {
  downstream: Record<string, RunningGrpcService>;
  orchestrator: RunningGrpcService;
  stop(): Promise<void>;
}

/** All grading services on ephemeral loopback ports (some maybe replaced), and an orchestrator wired to them. */
export async function startCluster(orchestratorEnv: Env = {}, replacements: Record<string, ServiceModule> = {}): Promise<Cluster> {
  const downstream: Record<string, RunningGrpcService> = {};
  // The grading services fetch rubrics they do not have cached from the same rubric store.
  const store = orchestratorEnv.RUBRIC_STORE_ADDR ? { RUBRIC_STORE_ADDR: orchestratorEnv.RUBRIC_STORE_ADDR } : {};
  for (const [name, module] of Object.entries({ ...DOWNSTREAM_MODULES, ...replacements })) {
    downstream[name] = await startTestService(name, module, store);
  }
  const addresses = Object.fromEntries(Object.entries(downstream).map(([name, s]) => [addressVariable(name), s.address]));
  const running = await startTestService('orchestrator', orchestrator, { ...addresses, ...orchestratorEnv });
  return {
    downstream,
    orchestrator: running,
    async stop() {
      await running.shutdown();
      await Promise.all(Object.values(downstream).map((s) => s.shutdown()));
    },
  };
}
