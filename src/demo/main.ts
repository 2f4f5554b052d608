import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { configureDemoApp, demoListenFromEnv, demoOptionsFromEnv } from './demo.config.js';
import { DemoModule } from './demo.module.js';

async function main(): Promise<void> {
  const options = demoOptionsFromEnv();
  const listen = demoListenFromEnv();
  const app = await NestFactory.create(DemoModule.forRoot(options), { bufferLogs: false });
  configureDemoApp(app);
  await app.listen(listen.port, listen.host);
  const logger = new Logger('nestflow demo');
  const store = options.database?.type === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : options.database?.path;
  logger.log(`Listening on ${listen.host}:${listen.port} (HOST, PORT)`);
  logger.log(`GraphQL over HTTP and graphql-ws: ${listen.url}/graphql  (store: ${store})`);
  logger.log(`Web inbox: ${listen.url}/ui`);
  logger.log(`Try: mutation { createFlowRun(flowName: "get-shirt-order") { id state } }`);
  logger.log(`then: subscription { flowRunPaused { id flowName inputRequest { key schema initialData } } }`);
  logger.log(`and:  mutation { resumeRun(id: "…", answer: { shirtOrder: { size: medium, color: green } }) { id state } }`);
}

void main();
