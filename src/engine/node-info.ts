import { hostname } from 'node:os';
import { findNestflowPackage } from '../config/nestflow-package.js';

/** What a node's heartbeat row says about it, for operators. */
export interface NodeInfo {
  host: string;
  version: string;
}

let cached: NodeInfo | undefined;

export function nodeInfo(): NodeInfo {
  cached ??= {
    host: `${hostname()}:${process.pid}`.slice(0, 200),
    version: (findNestflowPackage()?.version ?? 'unknown').slice(0, 64),
  };
  return cached;
}
