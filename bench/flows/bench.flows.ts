import { Injectable } from '@nestjs/common';
import { IsInt, Min } from 'class-validator';
import { Flow, RunInput, Task, pauseFlowRun, suspendFlowRun } from '../../src/index.js';

/** The answer a benchmark client sends: small, but validated like a real input. */
export class Ping extends RunInput {
  @IsInt()
  @Min(0)
  seq!: number;
}

/** Flows for the benchmarks; each mirrors a DBOS workflow in bench/peers/dbos.ts. */
@Injectable()
export class BenchFlows {
  /** Pauses `cycles` times in a row, each waiting for a Ping. */
  @Flow({ inputs: [Ping] })
  async pingLoop(parameters: { cycles: number }): Promise<number> {
    let last = -1;
    for (let i = 0; i < parameters.cycles; i++) last = (await pauseFlowRun({ waitForInput: Ping })).seq;
    return last;
  }

  @Flow({ inputs: [Ping] })
  async pauseOnce(): Promise<number> {
    return (await pauseFlowRun({ waitForInput: Ping })).seq;
  }

  @Flow({ inputs: [Ping] })
  async suspendOnce(): Promise<number> {
    return (await suspendFlowRun({ waitForInput: Ping })).seq;
  }

  @Flow()
  async empty(): Promise<null> {
    return null;
  }

  @Flow()
  async tenTasks(): Promise<number> {
    let sum = 0;
    for (let i = 0; i < 10; i++) sum += await this.trivial(i);
    return sum;
  }

  @Task()
  async trivial(i: number): Promise<number> {
    return i;
  }
}
