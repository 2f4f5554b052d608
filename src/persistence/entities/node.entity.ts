import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One nestflow process (a node): its heartbeat says the runs it holds are alive. */
@Entity('nestflow_nodes')
export class NodeEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  /** Host name and pid, for operators. */
  @Column({ type: 'varchar', length: 200 })
  host!: string;

  /** nestflow's package version on that node. */
  @Column({ type: 'varchar', length: 64 })
  version!: string;

  @Column({ name: 'started_at', type: Date })
  startedAt!: Date;

  @Column({ name: 'last_seen_at', type: Date })
  lastSeenAt!: Date;

  /** The flow versions it serves (JSON array of `{ flowName, version }`): runs of others it never claims. */
  @Column({ name: 'flow_versions', type: 'text', nullable: true })
  flowVersions!: string | null;

  /** Set once another node found its heartbeat expired; the id is never used again. */
  @Column({ name: 'dead_at', type: Date, nullable: true })
  deadAt!: Date | null;
}
