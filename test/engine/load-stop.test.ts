import { describe, expect, it } from 'vitest';
import type { LoadProgress } from '../../src/ingest/ingest-report.ts';
import { engineResetBeforeEach, file, sessionsCsv, useOn } from '../helpers/engine.ts';

const engine = engineResetBeforeEach();

const one = (user: string) => file(`${user}.csv`, sessionsCsv([useOn(`${user}@corp.com`, 'Revit', '2026-03-02')]));

describe('a load in stages, and a load stopped by the user', () => {
  it('reports each file reading, then checking, then merging, and the usage days derived once at the end', async () => {
    const seen: string[] = [];
    await engine.load([one('ann'), one('bob')], (p: LoadProgress) => {
      const step = `${p.file_index} ${p.stage}`;
      if (seen.at(-1) !== step) seen.push(step);
    });
    expect(seen).toEqual(['1 reading', '1 checking', '1 merging', '2 reading', '2 checking', '2 merging', '2 deriving']);
  });

  it('stops at the file being read: the files before it stay loaded, it and the files after it are not loaded, each with its sentence', async () => {
    const reports = await engine.load([one('ann'), one('bob'), one('cat')], (p: LoadProgress) => {
      // The user presses "Stop loading" while the second file is read.
      if (p.file_index === 2 && p.stage === 'reading') void engine.stopLoad();
    });
    expect(reports.map((r) => [r.file, r.status, r.message])).toEqual([
      ['ann.csv', 'loaded', null],
      ['bob.csv', 'failed', 'Loading bob.csv was stopped before it finished: nothing of it was loaded.'],
      ['cat.csv', 'failed', 'cat.csv was not read: loading was stopped before it.'],
    ]);
    expect((await engine.review()).overview.users).toBe(1);
    // The next load is not stopped.
    const [again] = await engine.load([one('bob')]);
    expect(again!.status).toBe('loaded');
    expect((await engine.review()).overview.users).toBe(2);
  });
});
