import { describe, expect, it } from 'vitest';
import { moneyFormatCode } from '../../src/deliverables/xlsx-write.ts';

describe("the workbook's money format", () => {
  it("shows the currency's own minor unit: pence, no sen, three fils", () => {
    // ISO 4217 minor units: GBP 2, JPY 0, KWD 3.
    expect(moneyFormatCode('GBP')).toBe('"£"#,##0.00;-"£"#,##0.00');
    expect(moneyFormatCode('JPY')).toBe('"JP¥"#,##0;-"JP¥"#,##0');
    expect(moneyFormatCode('KWD')).toBe('"KWD"#,##0.000;-"KWD"#,##0.000');
  });
});
