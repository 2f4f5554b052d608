/** `2026-01-31T09:15:02Z`: ISO without milliseconds, always UTC. */
export function time(iso: string | null | undefined): string {
  return iso ? iso.replace(/\.\d+Z$/, 'Z') : '-';
}
