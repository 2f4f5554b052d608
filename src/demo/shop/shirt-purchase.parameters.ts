import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { Describe } from '../../index.js';
import { COLORS, type Color, type Size } from './shirt-order.input.js';

/** What a shirt costs, in euros, by size. */
export const SHIRT_PRICES: Readonly<Record<Size, number>> = { small: 15, medium: 18, large: 20, xlarge: 24 };

/**
 * The parameters of `buy-shirt` (`@Flow({ parameters })`): checked before the run is created,
 * and the flow receives an instance, so its methods work in the flow.
 */
@Describe({ title: 'Shirt purchase', description: 'Who buys, and the most they pay for the shirt.' })
export class ShirtPurchase {
  @Describe({ title: 'Customer' })
  @IsString()
  @Length(1, 80)
  customer!: string;

  @Describe({ title: 'Maximum price (EUR)', description: 'A whole number from 10 to 100.' })
  @IsInt()
  @Min(10)
  @Max(100)
  maxPrice!: number;

  @Describe({ title: 'Preferred colour', description: 'Shown as the order form’s initial colour.' })
  @IsOptional()
  @IsIn(COLORS)
  preferredColor?: Color;

  /** Whether `size` is within budget. */
  affords(size: Size): boolean {
    return SHIRT_PRICES[size] <= this.maxPrice;
  }
}
