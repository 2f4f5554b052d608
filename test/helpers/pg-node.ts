import type { NestflowModuleOptions, NestflowWorkerOptions } from '../../src/index.js';
import { DemoModule } from '../../src/demo/demo.module.js';
import { FlowRunService } from '../../src/index.js';
import { DurableFlows } from '../fixtures/durable/durable.flows.js';
import { SideEffects } from '../fixtures/durable/side-effects.service.js';
import { startGraphqlApp, type GraphqlApp } from './graphql-app.js';

/** One node: the demo app plus the durability flows, on a shared PostgreSQL database. */
export interface PgNode extends GraphqlApp {
  runs: FlowRunService;
}

/** `options`: more module options (security, limits…) for this node. */
export async function startPgNode(
  url: string,
  worker: NestflowWorkerOptions = {},
  options: Omit<NestflowModuleOptions, 'database' | 'worker'> = {},
): Promise<PgNode> {
  const database = { type: 'postgres', url, poolSize: 5 } as const;
  const node = await startGraphqlApp({
    imports: [DemoModule.forRoot({ ...options, database, worker }, [SideEffects, DurableFlows])],
  });
  return { ...node, runs: node.app.get(FlowRunService) };
}
