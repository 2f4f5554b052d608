import { Injectable } from '@nestjs/common';
import { GreetFlows } from '../../../src/demo/greet/greet.flows.js';
import { ShirtStockService } from '../../../src/demo/shop/shirt-stock.service.js';
import { ShopFlows } from '../../../src/demo/shop/shop.flows.js';
import { FlowRunState, OnFlowRunPaused, type FlowRun } from '../../../src/index.js';
import { createFlowApp, type FlowApp } from '../../helpers/flow-app.js';
import { eventually } from '../../helpers/graphql-app.js';

@Injectable()
class Notifier {
  readonly greetPauses: FlowRun[] = [];
  readonly allPauses: string[] = [];

  @OnFlowRunPaused('greet-user')
  onGreetPaused(run: FlowRun): void {
    this.greetPauses.push(run);
  }

  @OnFlowRunPaused()
  onAnyPause(run: FlowRun): void {
    this.allPauses.push(run.flowName);
  }

  @OnFlowRunPaused()
  async broken(): Promise<void> {
    throw new Error('mail server down');
  }
}

let flowApp: FlowApp;
beforeAll(async () => (flowApp = await createFlowApp([Notifier, GreetFlows, ShopFlows, ShirtStockService])));
afterAll(() => flowApp.close());

it('calls @OnFlowRunPaused methods with the paused run, filtered by flow; a failing one does not affect the run', async () => {
  const notifier = flowApp.app.get(Notifier);
  const greet = await flowApp.startPaused('greet-user');
  await flowApp.startPaused('get-shirt-order');
  await eventually(() => notifier.allPauses.length === 2, 'both pauses to be seen');
  expect(notifier.allPauses.sort()).toEqual(['get-shirt-order', 'greet-user']);
  expect(notifier.greetPauses.map((run) => run.id)).toEqual([greet.id]);
  expect(notifier.greetPauses[0].inputRequest).toMatchObject({ key: 'pause-1', inputType: 'UserNameInput' });

  await flowApp.runs.resumeFlowRun(greet.id, { name: 'Grace' });
  expect(await flowApp.runs.waitForFlowRun(greet.id)).toMatchObject({ state: FlowRunState.COMPLETED, result: 'Hello, Grace!' });
});
