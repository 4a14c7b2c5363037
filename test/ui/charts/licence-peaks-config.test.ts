import { describe, expect, it } from 'vitest';
import { licencePeaksChartConfig } from '../../../src/ui/charts/licence-peaks-config.ts';
import type { LicenceServerView } from '../../../src/review/licence-servers.ts';

const VIEW: LicenceServerView = {
  first_day: '2026-03-02',
  last_day: '2026-03-04',
  products: [],
  holes: [],
  features: [],
  snapshots: [],
  logins: [],
  days: [
    { product: 'AutoCAD', day: '2026-03-03', peak: 1, licences: 2, denials: 0 },
    { product: 'AutoCAD', day: '2026-03-02', peak: 3, licences: 2, denials: 2 },
    { product: 'AutoCAD', day: '2026-03-04', peak: 2, licences: null, denials: 1 },
    { product: 'Revit', day: '2026-03-02', peak: 5, licences: 1, denials: 0 },
  ],
};

describe('the licence-server chart', () => {
  it("draws one product's daily peaks against the licences issued, red where above them and a triangle on days with denials", () => {
    const config = licencePeaksChartConfig(VIEW, 'AutoCAD');
    expect(config.data.labels).toEqual(['2026-03-02', '2026-03-03', '2026-03-04']);
    expect(config.data.datasets.map((d) => [d.label, d.data])).toEqual([
      ['Peak concurrent checkouts', [3, 1, 2]],
      ['Licences issued', [2, 2, null]],
      ['Above the licences (1 day)', [3, null, null]],
      ['Denials (2 days)', [3, null, 2]],
    ]);
  });
});
