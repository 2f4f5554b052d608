import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findNestflowPackage } from '../config/nestflow-package.js';

/** nestflow's own `dist/ui`, where `npm run build:ui` writes the app. */
export function defaultUiRoot(from: string = dirname(fileURLToPath(import.meta.url))): string | undefined {
  const nestflow = findNestflowPackage(from);
  return nestflow && join(nestflow.root, 'dist', 'ui');
}
