/** Injection token of nestflow's own TypeORM DataSource (separate from any the host app has). */
export const NESTFLOW_DATA_SOURCE = Symbol('nestflow:DataSource');
