// Orders test files for the two jest workers: the slowest first, so that no long file starts last
// and runs alone at the end. Jest sorts by the durations it cached in the previous run; on a
// cold cache (CI, a fresh clone) it knows none and sorts by file size, which puts a 40-line
// benchmark file that runs for half a minute at the very end. The seconds below (from a full
// run on 2 cores) stand in for the files the cache does not know.
import Sequencer from '@jest/test-sequencer';
import { relative } from 'node:path';

const KNOWN_SECONDS = {
  'test/e2e/ui/answering.e2e-spec.ts': 60,
  'test/e2e/cli/runs.e2e-spec.ts': 50,
  'test/e2e/postgres/no-deadlocks.e2e-spec.ts': 32,
  'test/e2e/security/fuzz-resume.e2e-spec.ts': 20,
  'test/e2e/ui/inbox.e2e-spec.ts': 20,
  'test/e2e/durable/crash.e2e-spec.ts': 30,
  'test/e2e/postgres/idle-cost.e2e-spec.ts': 20,
  'test/e2e/durable/memory.e2e-spec.ts': 19,
  'test/e2e/postgres/takeover.e2e-spec.ts': 16,
  'test/e2e/security/demo-host.e2e-spec.ts': 15,
  'test/e2e/pause-timeout-default.e2e-spec.ts': 12,
  'test/e2e/cli/exit-codes.e2e-spec.ts': 14,
  'test/e2e/postgres/database-crash.e2e-spec.ts': 13,
  'test/e2e/postgres/retry-after-crash.e2e-spec.ts': 13,
  'test/e2e/store-busy.e2e-spec.ts': 13,
  'test/e2e/postgres/store-down.e2e-spec.ts': 12,
  'test/e2e/graphql/expired-pause.e2e-spec.ts': 12,
  'test/e2e/security/fuzz-http.e2e-spec.ts': 11,
  'test/e2e/durable/timeout-default-restart.e2e-spec.ts': 11,
  'test/e2e/postgres/multi-node.e2e-spec.ts': 11,
  'test/e2e/retention.e2e-spec.ts': 10,
  'test/e2e/cli/prune.e2e-spec.ts': 9,
  'test/e2e/mailbox/limits.e2e-spec.ts': 9,
};

export default class SlowFirstSequencer extends (Sequencer.default ?? Sequencer) {
  /** Slowest first: the time cached from the last run, else the one above, else none (then the larger file first). */
  sort(tests) {
    const seconds = (test) => {
      const cached = this.time(test);
      if (cached != null) return cached / 1000;
      return KNOWN_SECONDS[relative(test.context.config.rootDir, test.path).split('\\').join('/')] ?? 0;
    };
    const size = (test) => test.context.hasteFS.getSize(test.path) ?? 0;
    const failedFirst = (test) => (this.hasFailed(test) ? 0 : 1);
    return tests
      .map((test) => ({ test, failed: failedFirst(test), seconds: seconds(test), size: size(test) }))
      .sort((a, b) => a.failed - b.failed || b.seconds - a.seconds || b.size - a.size)
      .map(({ test }) => test);
  }
}
