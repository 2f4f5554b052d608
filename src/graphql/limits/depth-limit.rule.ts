import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/**
 * Refuses operations whose selections nest deeper than `max` fields (`{ a { b } }` is 1 deep),
 * through fragments too.
 * Each fragment is measured once; a fragment that spreads itself (directly or through others)
 * adds nothing here, and graphql-js's NoFragmentCyclesRule reports it. The recursion is bounded
 * by the document's size (`limits.maxDocumentTokens`), not by what the fragments reference.
 */
export function depthLimitRule(max: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const fragmentDepth = new Map<string, number>();

    const depth = (set: SelectionSetNode | undefined, entered: Set<string>): number => {
      let deepest = 0;
      for (const selection of set?.selections ?? []) {
        if (selection.kind === Kind.FIELD) {
          // A leaf is 0 deep; introspection fields (`__schema`, `__type`) are not counted.
          const counted = selection.selectionSet && !selection.name.value.startsWith('__');
          deepest = Math.max(deepest, counted ? 1 + depth(selection.selectionSet, entered) : 0);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) deepest = Math.max(deepest, depth(selection.selectionSet, entered));
        else deepest = Math.max(deepest, spreadDepth(selection.name.value, entered));
      }
      return deepest;
    };

    const spreadDepth = (name: string, entered: Set<string>): number => {
      const known = fragmentDepth.get(name);
      if (known !== undefined) return known;
      const fragment = fragments.get(name);
      if (!fragment || entered.has(name)) return 0; // unknown or cyclic: other rules report it
      entered.add(name);
      const measured = depth(fragment.selectionSet, entered);
      entered.delete(name);
      fragmentDepth.set(name, measured);
      return measured;
    };

    return {
      OperationDefinition(operation) {
        const deepest = depth(operation.selectionSet, new Set());
        if (deepest > max) {
          const name = operation.name?.value ?? 'anonymous';
          context.reportError(new GraphQLError(`'${name}' exceeds maximum operation depth of ${max}`, { nodes: [operation] }));
        }
        return false;
      },
    };
  };
}
