import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { GreetFlows } from '../../src/demo/greet/greet.flows.js';
import {
  DuplicateFlowError,
  Flow,
  FlowNotFoundError,
  FlowRunNotFoundError,
  FlowRunState,
  InputTooLargeError,
} from '../../src/index.js';
import { LifecycleFlows } from '../fixtures/lifecycle.flows.js';
import { RecorderService } from '../fixtures/recorder.service.js';
import { createFlowApp, type FlowApp } from '../helpers/flow-app.js';

@Injectable()
class BillingFlows {
  @Flow()
  async sendInvoice(): Promise<void> {}
}

@Injectable()
class OtherBillingFlows {
  @Flow({ name: 'send-invoice' })
  async invoice(): Promise<void> {}
}

describe('bootstrap', () => {
  it('fails with DuplicateFlowError when two flows share a name', async () => {
    const error = await createFlowApp([BillingFlows, OtherBillingFlows]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DuplicateFlowError);
    expect(error).toMatchObject({ code: 'DUPLICATE_FLOW', flowName: 'send-invoice' });
    expect((error as Error).message).toContain('BillingFlows.sendInvoice');
    expect((error as Error).message).toContain('OtherBillingFlows.invoice');
  });

  it('starts with one of them', async () => {
    const flowApp = await createFlowApp([BillingFlows]);
    expect(flowApp.runs.listFlows().map((f) => f.name)).toEqual(['send-invoice']);
    await flowApp.close();
  });
});

describe('lookups and limits', () => {
  let flowApp: FlowApp;
  beforeAll(async () => {
    flowApp = await createFlowApp([GreetFlows, LifecycleFlows, RecorderService], { limits: { maxInputBytes: 64 } });
  });
  afterAll(() => flowApp.close());

  it('rejects an unknown flow with FlowNotFoundError listing the known ones', async () => {
    const error = await flowApp.runs.createFlowRun('greet-usr').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlowNotFoundError);
    expect(error).toMatchObject({ code: 'FLOW_NOT_FOUND', flowName: 'greet-usr' });
    expect((error as Error).message).toContain('greet-user');
    expect((await flowApp.runs.listFlowRuns()).totalCount).toBe(0);
  });

  it.each([
    ['getFlowRun', (id: string) => flowApp.runs.getFlowRun(id)],
    ['resumeFlowRun', (id: string) => flowApp.runs.resumeFlowRun(id, { name: 'x' })],
    ['cancelFlowRun', (id: string) => flowApp.runs.cancelFlowRun(id)],
  ])('%s of an unknown run id rejects with FlowRunNotFoundError', async (_, call) => {
    const id = randomUUID();
    await expect(call(id)).rejects.toBeInstanceOf(FlowRunNotFoundError);
    await expect(call(id)).rejects.toMatchObject({ code: 'FLOW_RUN_NOT_FOUND', runId: id });
  });

  it('findFlowRun returns null for an unknown id', async () => {
    expect(await flowApp.runs.findFlowRun(randomUUID())).toBeNull();
  });

  it('rejects an oversize input with InputTooLargeError and keeps the run paused', async () => {
    const paused = await flowApp.startPaused('greet-user');
    const name = 'x'.repeat(80);
    const resume = flowApp.runs.resumeFlowRun(paused.id, { name });
    await expect(resume).rejects.toBeInstanceOf(InputTooLargeError);
    await expect(resume).rejects.toMatchObject({ code: 'INPUT_TOO_LARGE', limit: 64, size: JSON.stringify({ name }).length });
    expect((await flowApp.runs.getFlowRun(paused.id)).state).toBe(FlowRunState.PAUSED);
    expect(await flowApp.runs.getFlowRunInputs(paused.id)).toEqual([]);

    await flowApp.runs.resumeFlowRun(paused.id, { name: 'short' });
    await flowApp.runs.waitForFlowRun(paused.id, { states: [FlowRunState.COMPLETED] });
  });

  it('counts bytes, not characters', async () => {
    const paused = await flowApp.startPaused('greet-user');
    // 20 three-byte characters: 40 characters of JSON but 80 bytes.
    await expect(flowApp.runs.resumeFlowRun(paused.id, { name: '€'.repeat(20) })).rejects.toBeInstanceOf(InputTooLargeError);
    await flowApp.runs.cancelFlowRun(paused.id);
  });

  it('rejects oversize parameters without creating a run', async () => {
    const before = (await flowApp.runs.listFlowRuns()).totalCount;
    await expect(flowApp.runs.createFlowRun('echo', { blob: 'y'.repeat(100) })).rejects.toMatchObject({
      name: 'InputTooLargeError',
      what: 'parameters',
    });
    expect((await flowApp.runs.listFlowRuns()).totalCount).toBe(before);
  });
});
