import { readFileSync } from 'node:fs';

/**
 * The fenced code block between `<!-- install:<name> -->` and `<!-- /install:<name> -->` in
 * README.md, so the install test runs what the README tells users, word for word.
 */
export function readmeBlock(readmePath: string, name: string): string {
  const readme = readFileSync(readmePath, 'utf8');
  const start = `<!-- install:${name} -->`;
  const end = `<!-- /install:${name} -->`;
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md has no block between ${start} and ${end}`);
  const fenced = /```[a-z]*\n([\s\S]*?)```/.exec(readme.slice(from + start.length, to));
  if (!fenced) throw new Error(`README.md: no fenced code block between ${start} and ${end}`);
  return fenced[1];
}

/** The README's `npm install …` line split into arguments (it is one line, no quoting). */
export function readmeInstallArgs(readmePath: string, name: string): string[] {
  const lines = readmeBlock(readmePath, name)
    .split('\n')
    .filter((line) => line.trim());
  if (lines.length !== 1 || !lines[0].startsWith('npm install ')) {
    throw new Error(`README.md install:${name} must be a single \`npm install …\` line, got:\n${lines.join('\n')}`);
  }
  return lines[0].trim().split(/\s+/).slice(1);
}
