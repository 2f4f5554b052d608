import fc from 'fast-check';
import { FlowRunState, type FlowRun } from '../../../src/index.js';
import { validateInput } from '../../../src/inputs/input-validator.js';
import { FUZZ_CLASSES, FuzzFlows, type FuzzClassName } from '../../fixtures/security/fuzz.flows.js';
import { RESUME_RUN } from '../../helpers/demo-runs.js';
import { fuzzInput } from '../../helpers/fuzz-inputs.js';
import { postRaw, startSecureApp, type SecureApp } from '../../helpers/secure-app.js';

/** Inputs per class over real HTTP GraphQL (the in-process fuzz does the 10 000s). */
const RUNS = Number(process.env.FUZZ_HTTP_RUNS ?? 200);

let server: SecureApp;
let fuzz: FuzzFlows;
beforeAll(async () => {
  server = await startSecureApp({ security: { rateLimit: false } }, [FuzzFlows]); // 200 requests as fast as they go
  fuzz = server.app.get(FuzzFlows);
});
afterAll(async () => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  await server?.close();
});

const lastInput = async (runId: string) =>
  (
    (await server.dataSource.query('SELECT id, value FROM flow_run_inputs WHERE run_id = ? ORDER BY id DESC LIMIT 1', [
      runId,
    ])) as Array<{
      id: number;
      value: string | null;
    }>
  )[0] ?? null;

describe.each(Object.keys(FUZZ_CLASSES) as FuzzClassName[])('resumeRun fuzzed over HTTP (%s)', (className) => {
  it(`${RUNS} JSON inputs: RUNNING with a value that re-validates, or BAD_USER_INPUT changing nothing`, async () => {
    const { inputClass, initialData } = FUZZ_CLASSES[className];
    const created = await server.runs.createFlowRun('fuzz-loop', { inputType: className });
    let run: FlowRun = await server.runs.waitForFlowRun(created.id, { states: [FlowRunState.PAUSED] });
    const received = fuzz.received.get(run.id)!;

    const property = fc.asyncProperty(fuzzInput(className, true), async (input) => {
      const before = await lastInput(run.id);
      const woken = received.length;
      // JSON.stringify writes own "__proto__" keys as JSON.parse on the server will read them.
      const response = await postRaw(server.httpUrl, JSON.stringify({ query: RESUME_RUN, variables: { id: run.id, input } }));
      expect(response.status).toBe(200);
      const error = response.json?.errors?.[0];
      if (error) {
        expect(error.extensions?.code).toBe('BAD_USER_INPUT');
        expect(await server.runs.getFlowRun(run.id)).toMatchObject({ state: FlowRunState.PAUSED, version: run.version });
        expect(await lastInput(run.id)).toEqual(before);
        expect(received.length).toBe(woken);
        return;
      }
      expect(response.json?.data?.resumeRun).toEqual({ id: run.id, state: 'RUNNING' });
      run = await server.runs.waitForFlowRun(run.id, { states: [FlowRunState.PAUSED], timeout: 5000 });
      expect(received.length).toBe(woken + 1);
      const stored = await lastInput(run.id);
      await expect(validateInput(inputClass, JSON.parse(stored!.value!), initialData)).resolves.toBeInstanceOf(inputClass);
    });
    await fc.assert(property, {
      endOnFailure: true,
      numRuns: RUNS,
      interruptAfterTimeLimit: 60_000,
      markInterruptAsFailure: true,
    });
    await server.runs.cancelFlowRun(run.id);
  }, 90_000);
});
