import type { JsonSchema } from './input-request.js';

/**
 * What a RUNNING run blocked in `receiveInput` on an empty mailbox waits for: stored on the
 * run (once it has waited a moment) so every node and client sees it; answered by sending an
 * input to the run's mailbox (`sendInput`).
 */
export interface ReceiveRequest {
  /** The classes it takes; the sender names one as `inputType`. */
  inputTypes: string[];
  /** The classes' titles, joined with ' or ' for several. */
  title: string;
  /** The class's schema, or the choice's (`oneOf`) for several: the shape of a pause's. */
  schema: JsonSchema | null;
  /** Only a message sent with this key is taken; null: any. */
  key: string | null;
  /** ISO timestamp at which the receive times out. */
  expiresAt: string;
}
