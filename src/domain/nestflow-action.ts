/** What a caller asks to do; `security.authorize` decides per action. */
export type NestflowAction = 'create' | 'read' | 'resume' | 'cancel' | 'send';
