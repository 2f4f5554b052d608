/** The `requestId` argument of the mutations that change a run, described once. */
export const REQUEST_ID_DESCRIPTION =
  'Client idempotency key, 1-128 printable ASCII characters (e.g. a UUID). A retry with the same requestId and ' +
  'the same arguments returns success again without a second effect; other arguments: IDEMPOTENCY_KEY_REUSED.';
