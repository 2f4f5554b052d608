import { jest } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

jest.setTimeout(180_000);

it('npm run bench works end to end (smoke sizes): every figure, on both stores and for DBOS, in JSON and Markdown', async () => {
  const out = mkdtempSync(join(tmpdir(), 'nestflow-bench-test-'));
  try {
    await promisify(execFile)(process.execPath, ['--expose-gc', resolve('dist/bench/run.js'), '--smoke', `--out=${out}`], {
      env: { ...process.env, DEMO_STOCK_SQLITE_PATH: ':memory:' },
      timeout: 170_000,
    }).catch((error: Error & { stdout?: string; stderr?: string; signal?: string }) => {
      // The bench's own progress lines say which workload hung or failed.
      const tail = (text = '') => text.split('\n').slice(-30).join('\n');
      throw new Error(
        `${error.message}\nsignal: ${error.signal}\nstdout:\n${tail(error.stdout)}\nstderr:\n${tail(error.stderr)}`,
      );
    });
    const report = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8'));
    expect(report.mode).toBe('smoke');
    for (const store of ['sqlite', 'postgres']) {
      const figures = report[store];
      expect(figures.wsRoundTrip.nextPause.median).toBeGreaterThan(0);
      expect(figures.inProcessResume.n).toBe(20);
      expect(figures.throughput.cyclesPerSecond).toBeGreaterThan(0);
      expect(figures.overhead.tenTasks.median).toBeGreaterThan(0);
      expect(figures.scale.paused.runs).toBe(50);
      expect(figures.scale.bigStore.rows).toBe(1000);
    }
    expect(report.dbos.roundTrip.median).toBeGreaterThan(0);
    expect(report.dbos.throughput.cycles).toBe(20);
    const markdown = readFileSync(join(out, 'latest.md'), 'utf8');
    expect(markdown).toContain('| throughput: 10 runs × 2 pause/resume cycles, 4 clients | cycles/s |');
    expect(markdown).toContain(`${report.machine.cores} cores`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
