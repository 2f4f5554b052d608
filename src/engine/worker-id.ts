import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/** Identifies one node (process life): host, pid and a random suffix (pids are reused). */
export function createWorkerId(): string {
  return `${hostname().slice(0, 32)}:${process.pid}:${randomUUID().slice(0, 8)}`;
}
