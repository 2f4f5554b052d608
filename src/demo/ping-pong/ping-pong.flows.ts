import { Injectable } from '@nestjs/common';
import { Flow, FlowRunService, Task, getRunLogger, receiveInput, sendInput } from '../../index.js';
import { GreetingInput, NameInput } from './greeting.inputs.js';

/** Two flows talking through typed inputs: Prefect's send_input / receive_input example. */
@Injectable()
export class PingPongFlows {
  constructor(private readonly runs: FlowRunService) {}

  /** Answers every name sent to it with a greeting, until it gets "stop" (or waits 10 minutes). */
  @Flow({ description: 'Greets every name sent to it (receiveInput + respond)', inputs: [NameInput] })
  async greeter(): Promise<number> {
    let greeted = 0;
    for await (const { value, senderRunId, respond } of receiveInput(NameInput, { withMetadata: true, timeout: 600 })) {
      if (value.name === 'stop') break;
      const text = `Hello, ${value.name}!`;
      getRunLogger().info(text);
      if (senderRunId) await respond(GreetingInput.from({ text })); // a service or a person may send too
      greeted++;
    }
    return greeted;
  }

  /** Starts a greeter, sends it each name and collects its answers (sendInput + receiveInput). */
  @Flow({ description: 'Asks a greeter flow to greet names', inputs: [GreetingInput] })
  async askForGreetings(parameters?: { names?: string[] }): Promise<string[]> {
    const greeter = await this.startGreeter();
    const greetings: string[] = [];
    for (const name of parameters?.names ?? ['Ada', 'Grace']) {
      await sendInput(greeter, NameInput.from({ name }));
      const greeting = await receiveInput(GreetingInput, { timeout: 60 });
      getRunLogger().info(greeting.text);
      greetings.push(greeting.text);
    }
    await sendInput(greeter, NameInput.from({ name: 'stop' }));
    return greetings;
  }

  /** A task, so a replay reuses the greeter it started instead of starting another. */
  @Task()
  async startGreeter(): Promise<string> {
    return (await this.runs.createFlowRun('greeter')).id;
  }
}
