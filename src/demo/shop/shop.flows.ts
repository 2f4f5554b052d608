import { Injectable } from '@nestjs/common';
import { Flow, Task, getFlowRunInfo, getRunLogger, pauseFlowRun } from '../../index.js';
import { ShirtOrder } from './shirt-order.input.js';
import { SHIRT_PRICES, ShirtPurchase } from './shirt-purchase.parameters.js';
import { ShirtStockService } from './shirt-stock.service.js';

@Injectable()
export class ShopFlows {
  constructor(private readonly stock: ShirtStockService) {}

  /** The seed's get_shirt_order: validation happens at resume, so the flow only sees valid orders. */
  @Flow({ description: 'Ask a customer for a shirt order', inputs: [ShirtOrder] })
  async getShirtOrder(): Promise<{ size: string; color: string; sku: string }> {
    const logger = getRunLogger();
    const order = await pauseFlowRun({
      waitForInput: ShirtOrder,
      description: 'Pick a size and a color (green: medium and up)',
    });
    const { sku } = await this.reserve(order);
    logger.info(`Shirt order: ${order.size}, ${order.color}`);
    return { size: order.size, color: order.color, sku };
  }

  /**
   * A shirt for a customer within a budget: the parameters are validated when the run is created
   * (`ShirtPurchase`), then the customer picks the shirt. Over budget: nothing is reserved.
   */
  @Flow({ description: 'Buy a shirt for a customer, within a budget', parameters: ShirtPurchase, inputs: [ShirtOrder] })
  async buyShirt(
    purchase: ShirtPurchase,
  ): Promise<{ customer: string; sku: string | null; price: number; withinBudget: boolean }> {
    const logger = getRunLogger();
    const order = await pauseFlowRun({
      waitForInput: purchase.preferredColor ? ShirtOrder.withInitialData({ color: purchase.preferredColor }) : ShirtOrder,
      description: `Pick a shirt for ${purchase.customer} (at most ${purchase.maxPrice} EUR)`,
    });
    const price = SHIRT_PRICES[order.size];
    if (!purchase.affords(order.size)) {
      logger.warn(`A ${order.size} shirt costs ${price} EUR, over ${purchase.customer}'s ${purchase.maxPrice} EUR`);
      return { customer: purchase.customer, sku: null, price, withinBudget: false };
    }
    const { sku } = await this.reserve(order);
    logger.info(`Shirt for ${purchase.customer}: ${sku}, ${price} EUR`);
    return { customer: purchase.customer, sku, price, withinBudget: true };
  }

  @Task()
  async reserve(order: ShirtOrder): Promise<{ sku: string; reserved: number }> {
    return this.stock.reserve(getFlowRunInfo().id, order);
  }
}
