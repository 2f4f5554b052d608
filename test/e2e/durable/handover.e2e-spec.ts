import { ShopFlows } from '../../../src/demo/shop/shop.flows.js';
import { ShirtStockService } from '../../../src/demo/shop/shirt-stock.service.js';
import { FlowRunState } from '../../../src/index.js';
import { createFlowApp } from '../../helpers/flow-app.js';
import { tempSqlite } from '../../helpers/temp-sqlite.js';

it('suspends paused runs on shutdown; the next process replays them on resume', async () => {
  const db = tempSqlite();
  const database = { type: 'sqlite' as const, path: db.path };
  try {
    const first = await createFlowApp([ShirtStockService, ShopFlows], { database });
    const paused = await first.startPaused('get-shirt-order');
    await first.close();

    const second = await createFlowApp([ShirtStockService, ShopFlows], { database });
    try {
      const handedOver = await second.runs.getFlowRun(paused.id);
      expect(handedOver).toMatchObject({ state: FlowRunState.SUSPENDED, leaseOwner: null });
      expect(handedOver.inputRequest).toMatchObject({ key: 'pause-1', inputType: 'ShirtOrder', suspended: true });
      await second.runs.resumeFlowRun(paused.id, { size: 'large', color: 'black' });
      const done = await second.runs.waitForFlowRun(paused.id, { timeout: 5000 });
      expect(done).toMatchObject({
        state: FlowRunState.COMPLETED,
        result: { size: 'large', color: 'black', sku: 'large-black' },
      });
    } finally {
      await second.close();
    }
  } finally {
    db.cleanup();
  }
});
