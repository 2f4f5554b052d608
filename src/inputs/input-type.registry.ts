import { Injectable } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { RunInput, type InputClass } from './run-input.js';

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

  /**
   * The class named `name`. Falls back to the classes class-validator knows (every decorated
   * RunInput subclass the app imported), so a node that never ran the flow can still validate.
   */
  get(name: string): InputClass | undefined {
    const known = this.byName.get(name);
    if (known) return known;
    // class-validator keeps its targets in a private map (class-validator-jsonschema reads it the same way).
    const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<Function, unknown> };
    for (const target of storage.validationMetadatas.keys()) {
      if (target.name === name && target.prototype instanceof RunInput) {
        this.register(target as InputClass);
        return target as InputClass;
      }
    }
    return undefined;
  }
}
