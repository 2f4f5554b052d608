import {
  IsIn,
  Validate,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { Describe, RunInput } from '../../index.js';

export const SIZES = ['small', 'medium', 'large', 'xlarge'] as const;
export const COLORS = ['red', 'green', 'black'] as const;
export type Size = (typeof SIZES)[number];
export type Color = (typeof COLORS)[number];

/** The seed's cross-field rule: green is only in stock for medium and up. */
@ValidatorConstraint({ name: 'greenNeedsMediumOrLarger' })
export class GreenNeedsMediumOrLarger implements ValidatorConstraintInterface {
  validate(color: Color, args: ValidationArguments): boolean {
    return !(color === 'green' && (args.object as ShirtOrder).size === 'small');
  }

  defaultMessage(): string {
    return 'Green is only in-stock for medium, large, and XL sizes.';
  }
}

@Describe({ title: 'Shirt order', description: 'The size and colour of the shirt to reserve.' })
export class ShirtOrder extends RunInput {
  @IsIn(SIZES)
  size!: Size;

  @Describe({ title: 'Colour', description: 'Green only from medium up.' })
  @IsIn(COLORS)
  @Validate(GreenNeedsMediumOrLarger)
  color!: Color;
}
