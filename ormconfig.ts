// The DataSource the TypeORM CLI uses (`npm run migration:run`, `typeorm migration:show -d dist/ormconfig.js`).
// Same resolution as the demo: DATABASE_URL selects PostgreSQL, else NESTFLOW_SQLITE_PATH or ./data/nestflow.sqlite.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { demoOptionsFromEnv } from './src/demo/demo.config.js';
import { resolveOptions } from './src/config/nestflow.options.js';
import { dataSourceOptions } from './src/persistence/data-source.factory.js';

export default new DataSource(dataSourceOptions(resolveOptions(demoOptionsFromEnv()).database));
