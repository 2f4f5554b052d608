import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printSchema } from 'graphql';
import { DemoModule } from './demo.module.js';

/** The committed `schema.gql`: header plus the sorted SDL the code builds. */
export function renderSchema(host: GraphQLSchemaHost): string {
  return `# nestflow GraphQL schema, generated from the code by \`npm run schema\`. Do not edit.\n\n${printSchema(host.schema)}\n`;
}

async function main(): Promise<void> {
  const app = await NestFactory.create(
    DemoModule.forRoot({ database: { type: 'sqlite', path: ':memory:' }, worker: { enabled: false } }),
    { logger: false },
  );
  await app.init();
  writeFileSync(process.argv[2] ?? 'schema.gql', renderSchema(app.get(GraphQLSchemaHost)));
  await app.close();
}

if (process.argv[1]?.endsWith('print-schema.js')) void main();
