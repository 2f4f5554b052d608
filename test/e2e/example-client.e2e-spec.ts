import { spawn, type ChildProcess } from 'node:child_process';
import { FlowRunService } from '../../src/index.js';
import { startDemoApp, type GraphqlApp } from '../helpers/graphql-app.js';

/** examples/answer-paused-runs.mjs against the demo: it answers what pauses, once, under a requestId. */
describe('the example client', () => {
  let server: GraphqlApp;
  let child: ChildProcess | undefined;
  let output = '';

  beforeAll(async () => {
    server = await startDemoApp();
  });

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((done) => child!.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
    await server?.close();
  });

  it('answers a greet-user pause and a shirt order (after one refused candidate)', async () => {
    child = spawn(process.execPath, ['examples/answer-paused-runs.mjs', server.wsUrl], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const runs = server.app.get(FlowRunService);
    const deadline = Date.now() + 5000;
    while (!output.includes('listening') && Date.now() < deadline) await new Promise((done) => setTimeout(done, 20));
    const greet = await runs.createFlowRun('greet-user');
    const shirt = await runs.createFlowRun('get-shirt-order');
    const [greeted, ordered] = await Promise.all([
      runs.waitForFlowRun(greet.id, { timeout: 10_000 }),
      runs.waitForFlowRun(shirt.id, { timeout: 10_000 }),
    ]);
    expect([greeted.state, ordered.state]).toEqual(['COMPLETED', 'COMPLETED']);
    expect(await runs.getFlowRunInputs(shirt.id)).toHaveLength(1);
    expect(output).toMatch(/refused .*the run still waits/);
    expect(output).not.toMatch(/error/i);
  });
});
