/** `nestflow/health`: the @nestjs/terminus indicator (needs the optional peer @nestjs/terminus). */
export { NestflowHealthIndicator } from './nestflow.health-indicator.js';
