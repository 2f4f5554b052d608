import { readFile } from 'node:fs/promises';
import { CliError } from './cli.error.js';

/** Parses the JSON text of `flag`; bad JSON is a usage error (exit 2) that names the flag. */
export function parseJsonFlag(text: string, flag: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw CliError.usage(`${flag} is not valid JSON (${reason}). Quote it for the shell: ${flag} '{"name": "Ada"}'.`);
  }
}

/** Reads and parses a JSON file; `-` reads standard input. */
export async function readJsonFile(path: string, flag: string): Promise<unknown> {
  let text: string;
  try {
    text = path === '-' ? await readStdin() : await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw CliError.usage(`${flag}: cannot read ${path} (${reason}).`);
  }
  return parseJsonFlag(text, `${flag} ${path}`);
}

/** `--x '<json>'` or `--x-file <path>`, not both; undefined when neither is given. */
export async function jsonFromFlags(
  flags: { text?: string; file?: string },
  names: { text: string; file: string },
): Promise<{ given: boolean; value?: unknown }> {
  if (flags.text !== undefined && flags.file !== undefined)
    throw CliError.usage(`Give ${names.text} or ${names.file}, not both.`);
  if (flags.text !== undefined) return { given: true, value: parseJsonFlag(flags.text, names.text) };
  if (flags.file !== undefined) return { given: true, value: await readJsonFile(flags.file, names.file) };
  return { given: false };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
