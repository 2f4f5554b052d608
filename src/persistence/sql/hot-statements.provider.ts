import type { Provider } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { sqliteDatabase } from '../data-source.factory.js';
import { NESTFLOW_DATA_SOURCE } from '../data-source.token.js';
import { StoreWriter } from '../store-writer.js';
import { HOT_STATEMENTS } from './hot-statements.js';
import { PostgresStatements } from './postgres.statements.js';
import { SqliteStatements } from './sqlite.statements.js';

export const hotStatementsProvider: Provider = {
  provide: HOT_STATEMENTS,
  inject: [NESTFLOW_DATA_SOURCE, StoreWriter],
  useFactory: (dataSource: DataSource, writer: StoreWriter) =>
    dataSource.options.type === 'postgres'
      ? new PostgresStatements(dataSource)
      : new SqliteStatements(sqliteDatabase(dataSource), writer),
};
