import { describe, expect, it } from 'vitest';
import { priceBookCsv } from '../../src/deliverables/price-book-csv.ts';
import { PRICE_BOOK_COLUMNS, readPriceBookCsv, readPriceBookFile, withPriceBook } from '../../src/ingest/formats/price-book.ts';
import { DEFAULT_SETTINGS, parseSettings, PUBLIC_FLEX_RATES } from '../../src/settings/schema.ts';

const HEADER = PRICE_BOOK_COLUMNS.join(',');

const full = parseSettings({
  prices: {
    currency: 'gbp',
    token_price: 2.75,
    token_price_indicative: { as_of: '2024-02-01', source: 'Reseller quote, "Q1"' },
    offerings: [
      { offering: 'AEC Collection', current_price: 1940, list_price: 3200 },
      { offering: 'Architecture, Engineering & Construction', current_price: 2100.5, indicative: { as_of: '2023-05-17', source: 'public list' } },
      { offering: 'AutoCAD LT', current_price: 0 },
    ],
    products: [
      { product: 'AutoCAD', tokens_per_day: 7, indicative: PUBLIC_FLEX_RATES },
      { product: 'Civil 3D', tokens_per_day: 12.5 },
    ],
  },
  collections: [
    { offering: 'AEC Collection', products: ['Revit', 'AutoCAD', 'Civil 3D, 2024'] },
    { offering: 'Empty Collection', products: [] },
  ],
});

/** The message readPriceBookCsv throws for `text`, or '' when it reads. */
function problem(text: string): string {
  try {
    readPriceBookCsv(text, 'prices.csv');
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

describe('price book CSV', () => {
  it('round-trips a full price book and the Collections, labels, quotes and commas included', () => {
    const read = readPriceBookCsv(priceBookCsv(full), 'price-book.csv');
    expect(read).toEqual({ prices: full.prices, collections: full.collections });
    expect(parseSettings(withPriceBook(DEFAULT_SETTINGS, read))).toEqual({ ...DEFAULT_SETTINGS, prices: full.prices, collections: full.collections });
  });

  it('writes the currency as its own row and reads it back; a file without one keeps the currency in force', () => {
    expect(priceBookCsv(full).split('\r\n')[1]).toBe('currency,GBP,,,,,,');
    expect(readPriceBookCsv(`${HEADER}\r\ncurrency,eur,,,,,,\r\noffering,AutoCAD,£1940,,,,,\r\n`, 'p.csv').prices).toEqual({
      currency: 'EUR',
      offerings: [{ offering: 'AutoCAD', current_price: 1940, list_price: null, indicative: null }],
      products: [],
    });
    expect(readPriceBookCsv(`${HEADER}\r\noffering,AutoCAD,1940,,,,,\r\n`, 'p.csv').prices).not.toHaveProperty('currency');
    expect(problem(`${HEADER}\r\ncurrency,pounds,,,,,,\r\n`)).toBe('prices.csv line 2: currency "pounds" is not an ISO 4217 code: expected one such as USD, GBP or EUR.');
    expect(problem(`${HEADER}\r\ncurrency,GBP,,,,,,\r\ncurrency,EUR,,,,,,\r\n`)).toBe('prices.csv line 3: a second currency row ("EUR"): expected one, the currency of every price.');
  });

  it('round-trips the shipped defaults, whose Flex rates stay labelled indicative', () => {
    const csv = priceBookCsv(DEFAULT_SETTINGS);
    expect(csv.split('\r\n')[0]).toBe(HEADER);
    expect(csv).toContain(`token,token,3,,,,${PUBLIC_FLEX_RATES.as_of},"${PUBLIC_FLEX_RATES.source}"\r\n`);
    expect(readPriceBookCsv(csv, 'p.csv')).toEqual({ prices: DEFAULT_SETTINGS.prices, collections: [] });
  });

  it('reads a CSV typed in a spreadsheet: BOM, CRLF, columns reordered and capitalised, padding, thousands and dollar signs', () => {
    const text =
      '\uFEFFType,Name,Current_Price,List_Price,Tokens_per_day,Members,Indicative_as_of,Indicative_source,,\r\n' +
      'token,Token,2.5,,,,,,,\r\n' +
      'offering,AEC Collection,"1,940",3200,,,,,,\r\n' +
      'offering, AutoCAD ,"$2,100.50",,,,17/05/2023,Reseller quote,,\r\n' +
      ',,,,,,,,,\r\n' +
      'Product,Revit,,,10,,2023-05-17,Autodesk public rates,,\r\n' +
      'collection,AEC Collection,,,,Revit; AutoCAD ;;Civil 3D,,,,\r\n' +
      '\r\n';
    expect(readPriceBookCsv(text, 'typed.csv')).toEqual({
      prices: {
        token_price: 2.5,
        token_price_indicative: null,
        offerings: [
          { offering: 'AEC Collection', current_price: 1940, list_price: 3200, indicative: null },
          { offering: 'AutoCAD', current_price: 2100.5, list_price: null, indicative: { as_of: '2023-05-17', source: 'Reseller quote' } },
        ],
        products: [{ product: 'Revit', tokens_per_day: 10, indicative: { as_of: '2023-05-17', source: 'Autodesk public rates' } }],
      },
      collections: [{ offering: 'AEC Collection', products: ['Revit', 'AutoCAD', 'Civil 3D'] }],
    });
  });

  it('reads a semicolon-separated file with decimal commas, and only the columns its rows need', () => {
    const text = 'type;name;current_price;members\noffering;AutoCAD;1.940,50;\ncollection;AEC;;"Revit;AutoCAD"\n';
    expect(readPriceBookCsv(text, 'eu.csv')).toEqual({
      prices: { offerings: [{ offering: 'AutoCAD', current_price: 1940.5, list_price: null, indicative: null }], products: [] },
      collections: [{ offering: 'AEC', products: ['Revit', 'AutoCAD'] }],
    });
  });

  it('keeps the token price in force when the file has no token row, and replaces every list', () => {
    const read = readPriceBookCsv(`${HEADER}\noffering,AutoCAD,900,,,,,\n`, 'p.csv');
    expect(read.prices).not.toHaveProperty('token_price');
    const merged = parseSettings(withPriceBook(full, read));
    expect(merged.prices.token_price).toBe(2.75);
    expect(merged.prices.token_price_indicative).toEqual(full.prices.token_price_indicative);
    expect(merged.prices.offerings).toEqual([{ offering: 'AutoCAD', current_price: 900, list_price: null, indicative: null }]);
    expect(merged.prices.products).toEqual([]);
    expect(merged.collections).toEqual([]);
    expect(merged.thresholds).toEqual(full.thresholds);
  });

  it('names the file, the line and what was expected for each problem', () => {
    expect(problem('')).toBe(`prices.csv is empty: expected a header line ${HEADER} and one row per price.`);
    expect(problem('\uFEFF\r\n')).toBe(`prices.csv is empty: expected a header line ${HEADER} and one row per price.`);
    expect(problem('name,current_price\nAutoCAD,900\n')).toBe(`prices.csv line 1: the header has no type column: expected the header ${HEADER}.`);
    expect(problem('type,name,price\noffering,AutoCAD,900\n')).toBe(`prices.csv line 1: unknown column "price": expected the header ${HEADER}.`);
    expect(problem('type,name,name\n')).toBe('prices.csv line 1: column name appears twice: expected each column once.');
    expect(problem('type,name,list_price\noffering,AutoCAD,900\n')).toBe(
      `prices.csv line 1: the header has no current_price column, which the offering row on line 2 needs: expected the header ${HEADER}.`,
    );
    const rows = (...lines: string[]) => [HEADER, ...lines].join('\n');
    expect(problem(rows('token,token,3,,,,,', 'offering,AutoCAD,900,,,,,', 'offering,Civil 3D,abc,,,,,'))).toBe(
      'prices.csv line 4: current_price "abc" is not a number: expected a number such as 1940 or 1,940.50.',
    );
    expect(problem(rows('offering,AutoCAD,"1,5",,,,,'))).toBe('prices.csv line 2: current_price "1,5" is not a number: expected a number such as 1940 or 1,940.50.');
    expect(problem(rows('offering,AutoCAD,900,-5,,,,'))).toBe('prices.csv line 2: list_price "-5" is below 0: expected 0 or more.');
    expect(problem(rows('licence,AutoCAD,900,,,,,'))).toBe('prices.csv line 2: type "licence" is not one of currency, token, offering, product, collection.');
    expect(problem(rows(',AutoCAD,900,,,,,'))).toBe('prices.csv line 2: the type is empty: expected one of currency, token, offering, product, collection.');
    expect(problem(rows('offering,,900,,,,,'))).toBe("prices.csv line 2: the name is empty: expected the offering's name.");
    expect(problem(rows('offering,  ,900,,,,,'))).toBe("prices.csv line 2: the name is empty: expected the offering's name.");
    expect(problem(rows('token,price,3,,,,,'))).toBe(`prices.csv line 2: a token row's name is "price": expected token.`);
    expect(problem(rows('offering,AutoCAD,,,,,,'))).toBe('prices.csv line 2: current_price is empty: expected the price per seat per year.');
    expect(problem(rows('product,AutoCAD,,,,,,'))).toBe('prices.csv line 2: tokens_per_day is empty: expected the Flex tokens a usage day of the product costs.');
    expect(problem(rows('offering,AutoCAD,900,,7,,,'))).toBe(
      'prices.csv line 2: an offering row takes no tokens_per_day ("7"): expected it empty (tokens_per_day belongs on product rows).',
    );
    expect(problem(rows('collection,AEC,,,,Revit,2023-05-17,quote'))).toBe(
      'prices.csv line 2: a collection row takes no indicative_as_of ("2023-05-17"): expected it empty (indicative_as_of belongs on token, offering and product rows).',
    );
    expect(problem(rows('product,AutoCAD,,,7,,2023-05-17,'))).toBe(
      "prices.csv line 2: indicative_as_of is set but indicative_source is empty: expected both (a labelled indicative figure) or neither (your contract's figure).",
    );
    expect(problem(rows('product,AutoCAD,,,7,,05/06/2023,quote'))).toBe('prices.csv line 2: indicative_as_of "05/06/2023" is not a date: expected YYYY-MM-DD, such as 2023-05-17.');
    expect(problem(rows('offering,AutoCAD,900,,,,,', 'offering,autocad ,950,,,,,'))).toBe('prices.csv line 3: offering "autocad" is already on line 2: expected one row per offering.');
    expect(problem(rows('offering,AutoCAD,900,,,,,,extra'))).toBe(
      'prices.csv line 2: the row has 9 fields where the header has 8: expected one value per header column (quote a value holding a comma).',
    );
    expect(problem(rows('offering,"AutoCAD,900,,,,,'))).toBe('prices.csv line 2: a quoted field is never closed: expected a closing double quote (").');
  });

  it('counts physical lines, so a line break inside a quoted field does not shift the line numbers', () => {
    const text = `${HEADER}\r\ncollection,AEC,,,,"Revit;\r\nAutoCAD",,\r\noffering,AutoCAD,x,,,,,\r\n`;
    expect(problem(text)).toBe('prices.csv line 4: current_price "x" is not a number: expected a number such as 1940 or 1,940.50.');
  });

  it('refuses to write a member name holding the member separator', () => {
    const settings = parseSettings({ collections: [{ offering: 'AEC', products: ['Revit;LT'] }] });
    expect(() => priceBookCsv(settings)).toThrow('Collection "AEC" has a member named "Revit;LT": the price book CSV separates members with ";", so a name holding one cannot be written.');
  });

  it('reads a file a spreadsheet saved as Windows-1252, and refuses a workbook', async () => {
    const latin = Uint8Array.from([...`${HEADER}\r\noffering,Autodesk Kollektion f`].map((c) => c.charCodeAt(0)).concat(0xfc, ...[...'r AEC,900,,,,,\r\n'].map((c) => c.charCodeAt(0))));
    const read = await readPriceBookFile(new File([latin], 'prices.csv'), 'prices.csv');
    expect(read.prices.offerings[0]?.offering).toBe('Autodesk Kollektion für AEC');
    const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]);
    await expect(readPriceBookFile(new File([zip], 'prices.xlsx'), 'prices.xlsx')).rejects.toThrow(/^prices\.xlsx is a ZIP archive \(an Excel workbook is one\), not a price book CSV\.$/);
  });
});

describe('names a spreadsheet would run as formulas', () => {
  it('are written inert and read back as they were', () => {
    const settings = parseSettings({
      prices: { token_price: 3, offerings: [{ offering: '=Special', current_price: 10 }], products: [{ product: '+Plus', tokens_per_day: 2 }] },
      collections: [{ offering: '@Bundle', products: ['-Minus', 'Revit'] }],
    });
    const text = priceBookCsv(settings);
    expect(text).toContain("'=Special");
    expect(text).toContain("'+Plus");
    expect(text).toContain("'@Bundle");
    const read = readPriceBookCsv(text, 'prices.csv');
    expect(read.prices.offerings[0]!.offering).toBe('=Special');
    expect(read.prices.products[0]!.product).toBe('+Plus');
    expect(read.collections[0]).toEqual({ offering: '@Bundle', products: ['-Minus', 'Revit'] });
  });
});
