/**
 * A code name as people read it: 'ShirtOrder' -> 'Shirt order', 'colorName' -> 'Color name',
 * 'apiKey_id' -> 'Api key id'; an all-capitals word stays as it is ('HTTPProxy' -> 'HTTP proxy').
 */
export function readableName(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter(Boolean);
  return words
    .map((word, index) => {
      if (word.length > 1 && word === word.toUpperCase()) return word;
      const lower = word.toLowerCase();
      return index === 0 ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower;
    })
    .join(' ');
}

/** An input class's name as a title: readable, without a trailing 'Input' ('UserNameInput' -> 'User name'). */
export function readableClassName(name: string): string {
  const bare = name.length > 'Input'.length && name.endsWith('Input') ? name.slice(0, -'Input'.length) : name;
  return readableName(bare);
}
