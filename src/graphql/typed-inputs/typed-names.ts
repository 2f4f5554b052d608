/** Names GraphQL accepts for types, fields and enum values (`__` is reserved for introspection). */
const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/** `name` is a GraphQL name a schema may define. */
export function isGraphqlName(name: string): boolean {
  return GRAPHQL_NAME.test(name) && !name.startsWith('__');
}

/** Enum values GraphQL reads as other literals. */
const NOT_ENUM_VALUES = new Set(['true', 'false', 'null']);

/** `value` can be an enum value as it is, so the typed and the JSON paths spell it the same. */
export function isEnumValueName(value: unknown): value is string {
  return typeof value === 'string' && isGraphqlName(value) && !NOT_ENUM_VALUES.has(value);
}

/** A class's name without a trailing 'Input': 'UserNameInput' -> 'UserName', 'ShirtOrder' -> 'ShirtOrder'. */
function baseName(className: string): string {
  return className.length > 'Input'.length && className.endsWith('Input') ? className.slice(0, -'Input'.length) : className;
}

const upperFirst = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/**
 * The GraphQL names of what nestflow generates for an input class: its input type
 * (`ShirtOrderInput`, `UserNameInput`), the object type of its initial data (`ShirtOrderData`,
 * `UserNameData`), an enum per `@IsIn` field (`ShirtOrderSize`), and its field in the
 * `TypedInput` @oneOf (the class name with a lower-case first letter: `shirtOrder`, `userNameInput`).
 */
export const typedNames = {
  input: (className: string) => `${baseName(className)}Input`,
  data: (className: string) => `${baseName(className)}Data`,
  enum: (className: string, field: string) => `${baseName(className)}${upperFirst(field)}`,
  answerField: (className: string) => className.charAt(0).toLowerCase() + className.slice(1),
};
