import { Injectable } from '@nestjs/common';
import { Flow, Task, getFlowRunInfo, getRunLogger, pauseFlowRun } from '../../index.js';
import { ShirtOrder } from './shirt-order.input.js';
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

  @Task()
  async reserve(order: ShirtOrder): Promise<{ sku: string; reserved: number }> {
    return this.stock.reserve(getFlowRunInfo().id, order);
  }
}
