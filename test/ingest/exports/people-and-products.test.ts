import { describe, expect, it } from 'vitest';
import { file, engineResetBeforeEach } from '../../helpers/engine.ts';
import { fixture, usageDays } from './helpers.ts';

const engine = engineResetBeforeEach();

const hashedSeatUsage = () => file('seat-usage-hashed.csv', fixture('seat-usage-hashed.csv'));
const usageReport = () => file('usage-report-snake.csv', fixture('usage-report-snake.csv'));

/**
 * seat-usage-hashed.csv names H001 (Revit on 2 and 3 March), H002 (AutoCAD on 3 March) and H009 (AutoCAD on 6 March),
 * e-mails masked. The Usage Report gives H001 = Ann.Lee@Corp.Example and H002 = bob.roe@corp.example; nobody is H009.
 */
const LINKED = [
  'ann.lee@corp.example | Revit | 2026-03-02',
  'ann.lee@corp.example | Revit | 2026-03-03',
  'bob.roe@corp.example | AutoCAD | 2026-03-03',
  'h009 | AutoCAD | 2026-03-06',
];

describe('one person across files', () => {
  it('hashed-id usage, then the Usage Report that carries e-mail and hashed id: usage days keyed by the e-mail', async () => {
    await engine.load([hashedSeatUsage()]);
    await engine.load([usageReport()]);
    expect(await usageDays(engine)).toEqual(LINKED);
  });

  it('the other order gives the same usage days', async () => {
    await engine.load([usageReport()]);
    await engine.load([hashedSeatUsage()]);
    expect(await usageDays(engine)).toEqual(LINKED);
  });

  it('the same person by e-mail in a third file adds only the days not yet known (e-mails compared lower-cased)', async () => {
    await engine.load([hashedSeatUsage(), usageReport()]);
    // seat-usage-2026.csv: Ann Revit 2 and 3 March (one written Ann.Lee@Corp.Example), Bob AutoCAD 3 March, Bob Revit 4 March.
    await engine.load([file('seat-usage.csv', fixture('seat-usage-2026.csv'))]);
    expect(await usageDays(engine)).toEqual([...LINKED.slice(0, 3), 'bob.roe@corp.example | Revit | 2026-03-04', LINKED[3]]);
    expect((await engine.review()).overview.usage_days).toBe(5);
  });

  it('the Users export links rows that carry only an Autodesk ID', async () => {
    const byId = 'day_used,email,product_name,autodesk_id\n2026-03-09,*****,Revit,ADSK002\n';
    await engine.load([file('seat-usage-ids.csv', byId)]);
    expect(await usageDays(engine)).toEqual(['adsk002 | Revit | 2026-03-09']);
    await engine.load([file('users.csv', fixture('users.csv'))]);
    expect(await usageDays(engine)).toEqual(['bob.roe@corp.example | Revit | 2026-03-09']);
  });
});

describe('products', () => {
  it('"Autodesk Revit 2024", "Revit" and PLC RVT are one catalogue product; an unknown product keeps its own name', async () => {
    const seat = [
      'Day used,Email,Product',
      '2026-03-02,ann.lee@corp.example,Autodesk Revit 2024',
      '2026-03-02,ann.lee@corp.example,Revit',
      '2026-03-04,bob.roe@corp.example,Magic Widget 2026',
    ].join('\n');
    // A name the catalogue does not know, but the product line code it does.
    const flex = [
      '"contractYear","tokenPool","usageCategory","usageDate","productLineCode","productName","tokensConsumed","userName",',
      '1,"CY","DESKTOP_PRODUCT",2026-03-03 10:00:00,"RVT","Revit (Token Flex)",10.0,"ann.lee@corp.example",',
    ].join('\n');
    await engine.load([file('seat.csv', seat), file('flex.csv', flex)]);
    expect(await usageDays(engine)).toEqual([
      'ann.lee@corp.example | Revit | 2026-03-02', // "Autodesk Revit 2024" and "Revit" on one day: one usage day
      'ann.lee@corp.example | Revit | 2026-03-03', // RVT
      'bob.roe@corp.example | Magic Widget 2026 | 2026-03-04',
    ]);
    expect(await engine.unknownProducts()).toEqual([{ product: 'Magic Widget 2026', users: 1, usage_days: 1 }]);
  });
});
