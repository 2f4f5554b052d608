export default async function globalTeardown() {
  await globalThis.__NESTFLOW_PG__?.stop();
}
