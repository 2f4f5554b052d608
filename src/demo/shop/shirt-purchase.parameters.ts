import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  Validate,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { Describe } from '../../index.js';
import { COLORS, type Color, type Size } from './shirt-order.input.js';

/** What a shirt costs, in euros, by size. */
export const SHIRT_PRICES: Readonly<Record<Size, number>> = { small: 15, medium: 18, large: 20, xlarge: 24 };

/** A cross-field rule only the server checks (a JSON schema cannot say it): green costs more. */
@ValidatorConstraint({ name: 'greenWithinBudget' })
export class GreenWithinBudget implements ValidatorConstraintInterface {
  validate(color: Color | undefined, args: ValidationArguments): boolean {
    return !(color === 'green' && (args.object as ShirtPurchase).maxPrice < GREEN_FROM);
  }

  defaultMessage(): string {
    return `Green shirts start at ${GREEN_FROM} EUR: raise the maximum price or prefer another colour.`;
  }
}

/** Green comes from medium up (the seed's rule), so it costs at least a medium. */
const GREEN_FROM = SHIRT_PRICES.medium;

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
  @Validate(GreenWithinBudget)
  preferredColor?: Color;

  /** Whether `size` is within budget. */
  affords(size: Size): boolean {
    return SHIRT_PRICES[size] <= this.maxPrice;
  }
}
