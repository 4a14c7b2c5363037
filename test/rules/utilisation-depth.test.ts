import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.ts';
import { openNodeRunner } from '../../src/db/open-node.ts';
import type { Runner } from '../../src/db/runner.ts';
import type { UtilisationDepthFinding } from '../../src/rules/utilisation-depth.ts';
import { depthBandSql } from '../../src/rules/sql/seats.ts';
import { addDays, file, newEngine, sessionsCsv, useOn, type SessionFields } from '../helpers/engine.ts';

/**
 * Window 2025-07-01 .. 2026-06-30: 365 days, so m = days x 30.44 / 365 for a seat held all year.
 * The band edges fall between whole days: 48 days = 4.003 (regular), 47 = 3.92; 12 = 1.0008 (monthly), 11 = 0.917;
 * 4 = 0.3336 (occasional), 3 = 0.250 (rare).
 */
const END = '2026-06-30';
const at = (n: number) => addDays(END, n);
const mail = (u: string) => `${u}@corp.example`;

// email, offering, assigned_date, unassigned_date
const SEATS: [string, string, string, string][] = [
  ['r48', 'Revit', '2025-01-15', ''],
  ['r47', 'Revit', '2025-01-15', ''],
  ['r12', 'Revit', '2025-01-15', ''],
  ['r11', 'Revit', '2025-01-15', ''],
  ['r04', 'Revit', '2025-01-15', ''],
  ['r03', 'Revit', '2025-01-15', ''],
  ['r00', 'Revit', '2025-01-15', ''],
  ['rnew', 'Revit', at(-88), ''], // held 89 days of the window: not judged
  ['rpart', 'Revit', at(-89), ''], // held 90 days: 3 days x 30.44 / 90 = 1.01, monthly
  ['c1', 'AEC Collection', '2025-01-15', ''], // 48 AutoCAD days; counts once under Revit although it also holds a Revit seat
  ['c1', 'Revit', at(-89), ''],
  ['gone', 'Revit', '2025-01-15', END], // unassigned on the end day: not an assigned user
];

function usageReport(): string {
  const rows = SEATS.map(([u, offering, assigned, unassigned]) => `${mail(u)},${offering},Direct,${assigned},${unassigned}`);
  return ['email,offering_name,seat_assignment,assigned_date,unassigned_date', ...rows].join('\n') + '\n';
}

function weekly(user: string, product: string, count: number, first = '2025-07-01'): SessionFields[] {
  return Array.from({ length: count }, (_, k) => useOn(mail(user), product, addDays(first, 7 * k)));
}

const USAGE: SessionFields[] = [
  ...weekly('r48', 'Revit', 48),
  ...weekly('r47', 'Revit', 47),
  ...weekly('r12', 'Revit', 12),
  ...weekly('r11', 'Revit', 11),
  ...weekly('r04', 'Revit', 4),
  ...weekly('r03', 'Revit', 3),
  useOn(mail('r03'), 'Revit', '2025-06-20'), // before the window: not counted
  useOn(mail('rnew'), 'Revit', at(-1)),
  ...weekly('rpart', 'Revit', 3, at(-60)),
  useOn(mail('rpart'), 'Revit', at(-120)), // before its assignment: not counted
  ...weekly('c1', 'AutoCAD', 48),
  ...weekly('gone', 'Revit', 48),
  ...weekly('nobody', 'Revit', 48), // usage without an assignment: not an assigned user
];

let engine: Engine;
beforeAll(async () => {
  engine = newEngine();
  await engine.load([file('usage.csv', sessionsCsv(USAGE)), file('usage-report.csv', usageReport())]);
});
afterAll(async () => {
  await engine.close();
});

async function depth(): Promise<UtilisationDepthFinding[]> {
  const review = await engine.review({ window: { end: END, months: 12 } });
  return review.rules.find((r) => r.rule === 'utilisation_depth')!.findings as UtilisationDepthFinding[];
}

const onlyC1Never = (product: string): UtilisationDepthFinding => ({
  rule: 'utilisation_depth', product, assigned_users: 1, regular: 0, monthly: 0, occasional: 0, rare: 0, never: 1, not_judged: 0,
  users: { regular: [], monthly: [], occasional: [], rare: [], never: [mail('c1')], not_judged: [] },
});

describe('utilisation_depth', () => {
  it('bands the assigned users of each product, just above and just below every edge', async () => {
    expect(await depth()).toEqual([
      onlyC1Never('3ds Max'),
      {
        rule: 'utilisation_depth', product: 'AutoCAD', assigned_users: 1, regular: 1, monthly: 0, occasional: 0, rare: 0, never: 0, not_judged: 0,
        users: { regular: [mail('c1')], monthly: [], occasional: [], rare: [], never: [], not_judged: [] },
      },
      onlyC1Never('AutoCAD Map 3D'),
      onlyC1Never('Civil 3D'),
      onlyC1Never('FormIt Pro'),
      onlyC1Never('Navisworks Manage'),
      {
        rule: 'utilisation_depth', product: 'Revit', assigned_users: 10, regular: 1, monthly: 3, occasional: 2, rare: 1, never: 2, not_judged: 1,
        users: {
          regular: [mail('r48')],
          monthly: [mail('r12'), mail('r47'), mail('rpart')],
          occasional: [mail('r04'), mail('r11')],
          rare: [mail('r03')],
          never: [mail('c1'), mail('r00')],
          not_judged: [mail('rnew')],
        },
      },
    ]);
  });

  it('reports the rule wording with the settings in force', async () => {
    const review = await engine.review({ window: { end: END, months: 12 } });
    const rule = review.rules.find((r) => r.rule === 'utilisation_depth')!;
    expect(rule.settings).toEqual({ month_days: 30.44, dormant_days: 90, regular_min: 4, monthly_min: 1, occasional_min: '1/3' });
    expect(rule.definition).toContain('regular m >= 4, monthly 1 <= m < 4, occasional 1/3 <= m < 1, rare 0 < m < 1/3');
  });
});

describe('utilisation_depth band edges', () => {
  // A rate exactly on an edge needs 761 x k days held (m = days x 30.44 / held = 761 days / (25 held)),
  // longer than any 24-month window: the edges are tested on the band expression itself.
  let runner: Runner;
  beforeAll(async () => {
    runner = await openNodeRunner();
  });
  afterAll(async () => {
    await runner.close();
  });

  const band = async (usageDays: number, activeDays: number): Promise<string> => {
    const [row] = await runner.query<{ band: string }>(`SELECT ${depthBandSql('u', 'a')} AS band FROM (SELECT CAST($1 AS INTEGER) AS u, CAST($2 AS INTEGER) AS a)`, [usageDays, activeDays]);
    return row!.band;
  };

  it('puts a rate of exactly 4, 1 and 1/3 a month in the upper band', async () => {
    expect(await band(100, 761)).toBe('regular'); // exactly 4
    expect(await band(99, 761)).toBe('monthly'); // 3.96
    expect(await band(25, 761)).toBe('monthly'); // exactly 1
    expect(await band(24, 761)).toBe('occasional'); // 0.96
    expect(await band(25, 2283)).toBe('occasional'); // exactly 1/3
    expect(await band(24, 2283)).toBe('rare'); // 0.32
    expect(await band(1, 730)).toBe('rare');
    expect(await band(0, 365)).toBe('never');
  });
});
