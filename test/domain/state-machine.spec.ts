import { FlowRunState as S } from '../../src/domain/flow-run-state.js';
import { InvalidStateTransitionError } from '../../src/domain/errors/invalid-state-transition.error.js';
import {
  TERMINAL_STATES,
  WAITING_STATES,
  assertTransition,
  canTransition,
  isTerminal,
  sourcesOf,
} from '../../src/domain/state-machine.js';

const ALL = Object.values(S);

/** The lifecycle from DESIGN.md, written out independently of src/domain/state-machine.ts. */
const LEGAL = new Set([
  'SCHEDULED>RUNNING',
  'SCHEDULED>CANCELLED',
  'SCHEDULED>FAILED',
  'RUNNING>PAUSED',
  'RUNNING>SUSPENDED',
  'RUNNING>COMPLETED',
  'RUNNING>FAILED',
  'RUNNING>CANCELLED',
  'RUNNING>SCHEDULED',
  'PAUSED>RUNNING',
  'PAUSED>SUSPENDED',
  'PAUSED>FAILED',
  'PAUSED>CANCELLED',
  'SUSPENDED>SCHEDULED',
  'SUSPENDED>FAILED',
  'SUSPENDED>CANCELLED',
  'FAILED>SCHEDULED', // an operator's retry (retryFlowRun)
]);

const pairs = ALL.flatMap((from) => ALL.map((to) => [from, to] as const));

describe('state machine', () => {
  it('knows all seven states', () => {
    expect(ALL).toHaveLength(7);
    expect(pairs).toHaveLength(49);
  });

  it.each(pairs)('%s -> %s is legal exactly when the lifecycle says so', (from, to) => {
    const legal = LEGAL.has(`${from}>${to}`);
    expect(canTransition(from, to)).toBe(legal);
    if (legal) {
      expect(() => assertTransition(from, to)).not.toThrow();
    } else {
      expect(() => assertTransition(from, to, 'run-1')).toThrow(InvalidStateTransitionError);
    }
  });

  it('names the run and both states when a move is illegal', () => {
    let error: unknown;
    try {
      assertTransition(S.COMPLETED, S.RUNNING, 'run-42');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidStateTransitionError);
    expect(error).toMatchObject({ code: 'INVALID_FLOW_RUN_STATE', from: 'COMPLETED', to: 'RUNNING', runId: 'run-42' });
    expect((error as Error).message).toContain('run-42');
  });

  it.each([S.COMPLETED, S.CANCELLED])('terminal state %s has no exits', (state) => {
    expect(isTerminal(state)).toBe(true);
    expect(ALL.filter((to) => canTransition(state, to))).toEqual([]);
  });

  it('FAILED is terminal, left only by an operator retry to SCHEDULED', () => {
    expect(isTerminal(S.FAILED)).toBe(true);
    expect(ALL.filter((to) => canTransition(S.FAILED, to))).toEqual([S.SCHEDULED]);
  });

  it('treats exactly COMPLETED, FAILED and CANCELLED as terminal', () => {
    expect([...TERMINAL_STATES].sort()).toEqual([S.CANCELLED, S.COMPLETED, S.FAILED]);
    expect(ALL.filter(isTerminal).sort()).toEqual([S.CANCELLED, S.COMPLETED, S.FAILED]);
  });

  it('treats PAUSED and SUSPENDED as waiting for input', () => {
    expect([...WAITING_STATES].sort()).toEqual([S.PAUSED, S.SUSPENDED]);
  });

  it('no state moves to itself', () => {
    expect(ALL.filter((state) => canTransition(state, state))).toEqual([]);
  });

  it.each(ALL)('sourcesOf(%s) lists every state that may move there', (to) => {
    const expected = ALL.filter((from) => LEGAL.has(`${from}>${to}`));
    expect(sourcesOf(to).sort()).toEqual(expected.sort());
  });

  it('every non-terminal state can still reach a terminal one', () => {
    for (const state of ALL.filter((s) => !isTerminal(s))) {
      expect(TERMINAL_STATES.some((end) => canTransition(state, end))).toBe(true);
    }
  });
});
