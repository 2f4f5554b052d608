import fc from 'fast-check';
import { toGraphQLError } from '../../../src/graphql/graphql-errors.js';
import { FlowRunState, NestflowError, type FlowRun } from '../../../src/index.js';
import { validateInput } from '../../../src/inputs/input-validator.js';
import { FUZZ_CLASSES, FuzzFlows, type FuzzClassName } from '../../fixtures/security/fuzz.flows.js';
import { createFlowApp, type FlowApp } from '../../helpers/flow-app.js';
import { fuzzInput } from '../../helpers/fuzz-inputs.js';

/** Generated inputs per input class (FUZZ_RUNS for more); the whole file stays well under half a minute on 2 cores. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);

let flowApp: FlowApp;
let fuzz: FuzzFlows;
beforeAll(async () => {
  flowApp = await createFlowApp([FuzzFlows]);
  fuzz = flowApp.app.get(FuzzFlows);
});
afterAll(async () => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  await flowApp?.close();
});

/** Answers per run before the test moves to a fresh one, keeping every query on a small run. */
const ANSWERS_PER_RUN = 200;

interface StoredInput {
  lastId: number | null;
  last: unknown;
}

async function storedInputs(runId: string): Promise<StoredInput> {
  const [row] = (await flowApp.dataSource.query(
    'SELECT id, value FROM flow_run_inputs WHERE run_id = ? ORDER BY id DESC LIMIT 1',
    [runId],
  )) as Array<{ id: number; value: string | null }>;
  return { lastId: row?.id ?? null, last: row?.value ? JSON.parse(row.value) : null };
}

describe.each(Object.keys(FUZZ_CLASSES) as FuzzClassName[])('resumeRun fuzzed in-process (%s)', (className) => {
  it(`${RUNS} inputs: each succeeds with a value that re-validates, or fails with BAD_USER_INPUT changing nothing`, async () => {
    const { inputClass, initialData } = FUZZ_CLASSES[className];
    let run: FlowRun = await flowApp.startPaused('fuzz-loop', { inputType: className });
    let received = fuzz.received.get(run.id)!;
    const tally = { accepted: 0, refused: 0 };

    const property = fc.asyncProperty(fuzzInput(className, false), async (input) => {
      const before = await storedInputs(run.id);
      const woken = received.length;
      const outcome = await flowApp.runs.resumeFlowRun(run.id, input).then(
        (resumed) => ({ resumed }),
        (error: unknown) => ({ error }),
      );
      if (!('resumed' in outcome)) {
        tally.refused++;
        expect(outcome.error).toBeInstanceOf(NestflowError);
        expect(toGraphQLError(outcome.error as NestflowError).extensions.code).toBe('BAD_USER_INPUT');
        expect(await flowApp.runs.getFlowRun(run.id)).toMatchObject({ state: FlowRunState.PAUSED, version: run.version });
        expect(await storedInputs(run.id)).toEqual(before);
        expect(received.length).toBe(woken);
        return;
      }
      tally.accepted++;
      run = await flowApp.runs.waitForFlowRun(run.id, { states: [FlowRunState.PAUSED], timeout: 5000 });
      expect(received.length).toBe(woken + 1);
      expect(received.at(-1)).toBeInstanceOf(inputClass);
      const stored = await storedInputs(run.id);
      expect(stored.lastId).not.toBe(before.lastId);
      await expect(validateInput(inputClass, stored.last, initialData)).resolves.toBeInstanceOf(inputClass);
      if (received.length >= ANSWERS_PER_RUN) {
        await flowApp.runs.cancelFlowRun(run.id);
        run = await flowApp.startPaused('fuzz-loop', { inputType: className });
        received = fuzz.received.get(run.id)!;
      }
    });

    const started = Date.now();
    // The property is stateful (a success moves the run on), so a failure is reported as found, not shrunk.
    await fc.assert(property, {
      endOnFailure: true,
      numRuns: RUNS,
      interruptAfterTimeLimit: 120_000,
      markInterruptAsFailure: true,
    });
    process.stdout.write(`${className}: ${tally.accepted} accepted, ${tally.refused} refused in ${Date.now() - started} ms\n`);
    expect(tally.accepted).toBeGreaterThan(RUNS / 50);
    expect(tally.refused).toBeGreaterThan(RUNS / 5);
    await flowApp.runs.cancelFlowRun(run.id);
  }, 180_000);
});
