import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * `flow_runs.trace_context`: the trace context (W3C, as JSON) of the request that created or
 * last resumed a run, so its spans continue that trace on whichever node runs it.
 */
export class TraceContext1733529600000 implements MigrationInterface {
  name = 'TraceContext1733529600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('flow_runs', new TableColumn({ name: 'trace_context', type: 'text', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('flow_runs', 'trace_context');
  }
}
