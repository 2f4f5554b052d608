import { Injectable } from '@nestjs/common';
import type { ShirtOrder } from './shirt-order.input.js';

/** A stand-in for a real inventory: counts reservations per size and color. */
@Injectable()
export class ShirtStockService {
  private readonly reserved = new Map<string, number>();

  reserve(order: ShirtOrder): { sku: string; reserved: number } {
    const sku = `${order.size}-${order.color}`;
    const reserved = (this.reserved.get(sku) ?? 0) + 1;
    this.reserved.set(sku, reserved);
    return { sku, reserved };
  }
}
