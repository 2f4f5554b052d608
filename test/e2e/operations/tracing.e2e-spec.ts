import { jest } from '@jest/globals';
import { FlowRunState } from '../../../src/index.js';
import { CREATE_RUN, RESUME_RUN } from '../../helpers/demo-runs.js';
import { gqlData } from '../../helpers/gql-client.js';
import { startPgNode, type PgNode } from '../../helpers/pg-node.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/postgres.js';
import { ancestry, installTracing } from '../../helpers/tracing.js';
import { until } from '../../helpers/child-app.js';

jest.setTimeout(60_000);

/**
 * Two nodes on one PostgreSQL database: A runs flows, B (no worker) only takes the resume
 * mutation. The resume's trace context travels with the run (its column, its notification), so
 * the work the answer sets off on A is in the trace of the mutation on B.
 */
describe('one trace from the resume mutation to the flow’s next task, across two nodes', () => {
  const tracing = installTracing();
  let db: TestDatabase;
  let a: PgNode;
  let b: PgNode;
  beforeAll(async () => {
    db = await createTestDatabase();
    a = await startPgNode(db.url);
    b = await startPgNode(db.url, { enabled: false });
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await db.drop();
    await tracing.uninstall();
  });

  const spansOf = (runId: string) => tracing.spans().filter((span) => span.attributes['nestflow.run_id'] === runId);

  async function start(flow: string, state: FlowRunState): Promise<string> {
    const { createFlowRun } = await gqlData(a.httpUrl, CREATE_RUN, { flow });
    await a.runs.waitForFlowRun(createFlowRun.id, { states: [state], timeout: 5000 });
    return createFlowRun.id;
  }

  it('a run paused in memory on A, resumed through B: mutation → validation → store → wake-up → task', async () => {
    const id = await start('two-pauses', FlowRunState.PAUSED);
    await gqlData(b.httpUrl, RESUME_RUN, { id, input: { note: 'ok' } });
    await a.runs.waitForFlowRun(id, { states: [FlowRunState.PAUSED], timeout: 5000 }); // at the second pause
    const spans = spansOf(id);
    const resume = spans.find((span) => span.name === 'nestflow.resume')!;
    const task = spans.find((span) => span.name === 'nestflow.task' && span.attributes['nestflow.task_key'] === 'step-1')!;
    expect(resume).toBeDefined();
    expect(task).toBeDefined();
    expect(task.spanContext().traceId).toBe(resume.spanContext().traceId);
    expect(ancestry(task, tracing.spans())).toEqual(['nestflow.task', 'nestflow.resume.wakeup', 'nestflow.resume']);
    // Validation and the store write are events of the resume span; the wake-up is its child.
    expect(resume.events.map((event) => event.name)).toEqual(['nestflow.resume.validated', 'nestflow.resume.stored']);
    const inResume = spans.filter((span) => span.parentSpanContext?.spanId === resume.spanContext().spanId);
    expect(inResume.map((span) => span.name)).toEqual(['nestflow.resume.wakeup']);
    // The run (its span still open: it waits at the second pause) and its first pause are in
    // the trace of the creating request.
    const pause = spans.find((span) => span.name === 'nestflow.pause')!;
    const create = tracing
      .spans()
      .find((span) => span.name === 'nestflow.create' && span.spanContext().traceId === pause.spanContext().traceId);
    expect(create?.attributes).toMatchObject({ 'nestflow.flow': 'two-pauses' });
    expect(pause.attributes).toMatchObject({ 'nestflow.pause_key': 'pause-1', 'nestflow.input_type': 'ApprovalInput' });
  });

  it('a suspended run resumed through B replays on A in the resume’s trace', async () => {
    const id = await start('suspend-once', FlowRunState.SUSPENDED);
    await gqlData(b.httpUrl, RESUME_RUN, { id, input: { note: 'later' } });
    await a.runs.waitForFlowRun(id, { states: [FlowRunState.COMPLETED], timeout: 5000 });
    // The run's span ends just after its COMPLETED move is announced.
    await until(async () => spansOf(id).filter((span) => span.name === 'nestflow.run').length === 2, 'the replay’s run span');
    const spans = spansOf(id);
    const resume = spans.find((span) => span.name === 'nestflow.resume')!;
    const after = spans.filter((span) => span.name === 'nestflow.task').at(-1)!;
    expect(after.spanContext().traceId).toBe(resume.spanContext().traceId);
    expect(ancestry(after, tracing.spans())).toEqual([
      'nestflow.task',
      'nestflow.resume.wakeup',
      'nestflow.run',
      'nestflow.resume',
    ]);
  });
});
