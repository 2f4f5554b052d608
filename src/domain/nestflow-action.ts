/**
 * What a caller asks to do; `security.authorize` decides per action. `replay`: an operator moves
 * a waiting run to the current version of its flow (`replayOnCurrentVersion`).
 */
export type NestflowAction = 'create' | 'read' | 'resume' | 'cancel' | 'send' | 'replay';
