import { Injectable } from '@nestjs/common';
import { Flow, FlowRunState, pauseFlowRun } from '../../src/index.js';
import { createFlowApp, type FlowApp } from '../helpers/flow-app.js';
import { gql, gqlData } from '../helpers/gql-client.js';
import { startDemoApp } from '../helpers/graphql-app.js';

@Injectable()
class VersionedFlows {
  @Flow({ version: '2026-12.1' })
  async versioned(): Promise<string> {
    await pauseFlowRun();
    return 'done';
  }

  @Flow()
  async unversioned(): Promise<void> {}
}

@Injectable()
class SelfReplayingFlows {
  @Flow({ version: '2', replays: ['1', '2'] })
  async selfReplaying(): Promise<void> {}
}

@Injectable()
class BadVersionFlows {
  @Flow({ version: 'x'.repeat(65) })
  async tooLong(): Promise<void> {}
}

describe('flow versions (runs remember the code they started on)', () => {
  let flowApp: FlowApp;
  beforeAll(async () => {
    flowApp = await createFlowApp([VersionedFlows]);
  });
  afterAll(() => flowApp.close());

  it('a run records the version of its flow at creation; a flow that names none is version 1', async () => {
    const { runs } = flowApp;
    expect(Object.fromEntries(runs.listFlows().map((flow) => [flow.name, flow.version]))).toEqual({
      versioned: '2026-12.1',
      unversioned: '1',
    });
    const paused = await flowApp.startPaused('versioned');
    expect(paused.flowVersion).toBe('2026-12.1');
    const plain = await runs.createFlowRun('unversioned');
    expect(plain.flowVersion).toBe('1');
    // Through the store and the listing (TypeORM's entity read) too, and across the pause.
    expect((await runs.getFlowRun(paused.id)).flowVersion).toBe('2026-12.1');
    expect((await runs.listFlowRuns({ flowName: 'versioned' })).runs.map((run) => run.flowVersion)).toEqual(['2026-12.1']);
    // Waiting runs by flow and version: the operator's view before removing a patch.
    expect((await runs.listFlowRuns({ flowVersion: '2026-12.1' })).runs.map((run) => run.id)).toEqual([paused.id]);
    expect((await runs.listFlowRuns({ flowVersion: '1' })).runs.map((run) => run.id)).toEqual([plain.id]);
    await runs.resumeFlowRun(paused.id, null);
    const done = await runs.waitForFlowRun(paused.id);
    expect(done).toMatchObject({ state: FlowRunState.COMPLETED, flowVersion: '2026-12.1' });
    const [row] = await flowApp.dataSource.query('SELECT flow_version FROM flow_runs WHERE id = ?', [plain.id]);
    expect(row.flow_version).toBe('1');
  });

  it('refuses a version that does not fit at bootstrap, naming the flow', async () => {
    await expect(createFlowApp([BadVersionFlows])).rejects.toThrow(
      /@Flow\(\{ version \}\) of BadVersionFlows\.tooLong must be a non-empty string of at most 64 characters/,
    );
    await expect(createFlowApp([SelfReplayingFlows])).rejects.toThrow(
      '@Flow({ replays }) of SelfReplayingFlows.selfReplaying lists its own version "2"',
    );
  });

  it('GraphQL shows each flow’s version and each run’s', async () => {
    const server = await startDemoApp();
    try {
      const { flows } = await gqlData(server.httpUrl, '{ flows { name version } }');
      expect(flows.length).toBeGreaterThan(0);
      expect(flows.every((flow: { version: string }) => flow.version === '1')).toBe(true);
      const { createFlowRun } = await gqlData(
        server.httpUrl,
        'mutation { createFlowRun(flowName: "greet-user") { id flowVersion } }',
      );
      expect(createFlowRun.flowVersion).toBe('1');
      const { flowRun } = await gqlData(server.httpUrl, 'query($id: ID!) { flowRun(id: $id) { flowVersion } }', {
        id: createFlowRun.id,
      });
      expect(flowRun.flowVersion).toBe('1');
      const { flowRuns } = await gqlData(
        server.httpUrl,
        'query($v: String) { flowRuns(filter: { flowVersion: $v }) { totalCount edges { node { id } } } }',
        { v: 'not-deployed' },
      );
      expect(flowRuns).toEqual({ totalCount: 0, edges: [] });

      // The operator's queries, and a refused move that changes nothing.
      const { flowVersions, flowPatches } = await gqlData(
        server.httpUrl,
        '{ flowVersions(flowName: "greet-user") { version current servedHere nodes runs } flowPatches(flowName: "greet-user") { patchId } }',
      );
      expect(flowVersions).toEqual([{ version: '1', current: true, servedHere: true, nodes: 1, runs: 1 }]);
      expect(flowPatches).toEqual([]);
      const replay = 'mutation($id: ID!) { replayFlowRunOnCurrentVersion(id: $id, reason: "x") { id } }';
      const served = await gql(server.httpUrl, replay, { id: createFlowRun.id });
      expect(served.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', nestflowCode: 'FLOW_VERSION_SERVED' });
      const unknown = await gql(server.httpUrl, replay, { id: 'not-a-run' });
      expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
      const { flowRun: after } = await gqlData(
        server.httpUrl,
        'query($id: ID!) { flowRun(id: $id) { flowVersion states { message } } }',
        {
          id: createFlowRun.id,
        },
      );
      expect(after.flowVersion).toBe('1');
      expect(after.states.map((state: { message: string | null }) => state.message)).not.toContainEqual(
        expect.stringContaining('Moved'),
      );
    } finally {
      await server.close();
    }
  });
});
