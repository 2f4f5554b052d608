import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { DEMO_MAIN, startChildApp, type ChildApp } from '../../helpers/child-app.js';
import { tempSqlite } from '../../helpers/temp-sqlite.js';

/** An address of this machine that other machines could reach (not loopback), if it has one. */
const external = Object.values(networkInterfaces())
  .flat()
  .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;

let db: ReturnType<typeof tempSqlite>;
let app: ChildApp | undefined;
beforeEach(() => (db = tempSqlite()));
afterEach(async () => {
  await app?.stop();
  app = undefined;
  db.cleanup();
});

const start = (env: Record<string, string> = {}) =>
  startChildApp(DEMO_MAIN, { NESTFLOW_SQLITE_PATH: db.path, DEMO_STOCK_SQLITE_PATH: join(db.dir, 'stock.sqlite'), ...env });
/** Whether the demo answers on `host` at the port it was started on. */
const answersOn = (host: string, started: ChildApp) =>
  fetch(started.url.replace('127.0.0.1', host), { method: 'POST' }).then(
    () => true,
    () => false,
  );

(external ? describe : describe.skip)(`npm start (this machine's address ${external})`, () => {
  it('listens on 127.0.0.1 only by default', async () => {
    app = await start();
    expect(await answersOn('127.0.0.1', app)).toBe(true);
    expect(await answersOn(external!, app)).toBe(false);
  });

  it('listens on every interface with HOST=0.0.0.0', async () => {
    app = await start({ HOST: '0.0.0.0' });
    expect(await answersOn(external!, app)).toBe(true);
  });
});
