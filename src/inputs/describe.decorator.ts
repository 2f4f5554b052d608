import 'reflect-metadata';

/** What `@Describe` says about an input class or one of its fields. */
export interface DescribeOptions {
  /** Shown as the form's (or the field's) label; default: the class or property name, made readable. */
  title?: string;
  /** Help text shown with it. */
  description?: string;
}

const CLASS_KEY = 'nestflow:describe';
const FIELDS_KEY = 'nestflow:describe-fields';

/**
 * A human title and description for a `RunInput` class or one of its properties, carried by
 * its JSON schema (`title`, `description`), so forms show 'Shirt size', not `size`.
 */
export function Describe(options: DescribeOptions): ClassDecorator & PropertyDecorator {
  return (target: object, property?: string | symbol) => {
    if (property === undefined) {
      Reflect.defineMetadata(CLASS_KEY, { ...options }, target);
      return;
    }
    const owner = (target as { constructor: Function }).constructor;
    const fields = { ...describedFields(owner), [String(property)]: { ...options } };
    Reflect.defineMetadata(FIELDS_KEY, fields, owner);
  };
}

/** `@Describe` on the class itself (not inherited: a subclass is another form). */
export function describedClass(inputClass: Function): DescribeOptions {
  return (Reflect.getOwnMetadata(CLASS_KEY, inputClass) as DescribeOptions | undefined) ?? {};
}

/** `@Describe` on the class's properties, inherited ones included. */
export function describedFields(inputClass: Function): Record<string, DescribeOptions> {
  return (Reflect.getMetadata(FIELDS_KEY, inputClass) as Record<string, DescribeOptions> | undefined) ?? {};
}
