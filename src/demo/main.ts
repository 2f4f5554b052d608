import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { configureDemoApp, demoOptionsFromEnv } from './demo.config.js';
import { DemoModule } from './demo.module.js';

async function main(): Promise<void> {
  const options = demoOptionsFromEnv();
  const app = await NestFactory.create(DemoModule.forRoot(options), { bufferLogs: false });
  configureDemoApp(app);
  const port = Number(process.env.PORT ?? 3000);
  await app.listen(port);
  const logger = new Logger('nestflow demo');
  const store = options.database?.type === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : options.database?.path;
  logger.log(`GraphQL over HTTP and graphql-ws: http://localhost:${port}/graphql  (store: ${store})`);
  logger.log(`Web inbox: http://localhost:${port}/ui`);
  logger.log(`Try: mutation { createFlowRun(flowName: "get-shirt-order") { id state } }`);
  logger.log(`then: subscription { flowRunPaused { id flowName inputRequest { key schema initialData } } }`);
}

void main();
