import { Injectable } from '@nestjs/common';
import type { InputClass } from './run-input.js';

/**
 * Input classes by name, so a resume can be validated by a process that does not hold the
 * paused flow in memory. Filled from `@Flow({ inputs })` at bootstrap and on every pause.
 */
@Injectable()
export class InputTypeRegistry {
  private readonly byName = new Map<string, InputClass>();

  register(inputClass: InputClass): void {
    const known = this.byName.get(inputClass.name);
    if (known && known !== inputClass) {
      throw new Error(
        `Two different input classes are named "${inputClass.name}"; input classes are looked up by name, rename one.`,
      );
    }
    this.byName.set(inputClass.name, inputClass);
  }

  get(name: string): InputClass | undefined {
    return this.byName.get(name);
  }
}
