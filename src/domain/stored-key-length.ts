/** Width of the stored `key` columns (mailbox and pause keys): no longer key can be stored on PostgreSQL. */
export const STORED_KEY_LENGTH = 200;
