import { describe, expect, it } from 'vitest';
import { UnreadableFileError } from '../../../src/ingest/decode.ts';
import { readJsonTable } from '../../../src/ingest/readers/json.ts';
import { EXPECTED, all, recogniseUsage } from './helpers.ts';

const read = (text: string, fileName = 'usage.json') => readJsonTable(text, fileName, recogniseUsage, EXPECTED);

function errorOf(text: string, fileName = 'usage.json'): string {
  try {
    read(text, fileName);
  } catch (error) {
    expect(error).toBeInstanceOf(UnreadableFileError);
    return (error as Error).message;
  }
  throw new Error('expected an UnreadableFileError');
}

const ADA = { hashed_autodesk_id: 'a1b2', email: 'ada@example.com', offering_name: 'AutoCAD', days_used: 41, monthly_average: 13.5 };
const BOB = { hashed_autodesk_id: 'c3d4', email: '*****', offering_name: 'Revit', days_used: 0, last_accessed: null };

describe('readJsonTable', () => {
  it('reads a top-level array of objects, the header being the union of keys in order of first appearance', () => {
    const table = read(JSON.stringify([ADA, BOB]));
    expect(table.header).toEqual(['hashed_autodesk_id', 'email', 'offering_name', 'days_used', 'monthly_average', 'last_accessed']);
    expect(table.where).toBe('JSON top-level array');
    expect(all(table.records)).toEqual([
      { line: 1, fields: ['a1b2', 'ada@example.com', 'AutoCAD', '41', '13.5', ''] },
      { line: 2, fields: ['c3d4', '*****', 'Revit', '0', '', ''] },
    ]);
  });

  it('flattens nested objects with dots, joins arrays of scalars and writes plain values', () => {
    const text = JSON.stringify([
      {
        hashed_autodesk_id: 'a1b2',
        user: { email: 'ada@example.com', name: { first: 'Ada', last: null } },
        team_alias: 'Example Team',
        days_used: 1e21,
        monthly_average: 1.5e-7,
        named: true,
        products: ['AutoCAD', 'Revit', null, 3],
        seats: [{ id: 1 }, { id: 2 }],
        empty: {},
      },
    ]);
    const table = read(`\uFEFF${text}`);
    expect(table.header).toEqual(['hashed_autodesk_id', 'user.email', 'user.name.first', 'user.name.last', 'team_alias', 'days_used', 'monthly_average', 'named', 'products', 'seats']);
    expect(all(table.records)).toEqual([
      {
        line: 1,
        fields: ['a1b2', 'ada@example.com', 'Ada', '', 'Example Team', '1000000000000000000000', '0.00000015', 'true', 'AutoCAD; Revit; 3', '{"id":1}; {"id":2}'],
      },
    ]);
  });

  it('finds the array of records under a property', () => {
    const table = read(JSON.stringify({ generated: '2026-03-31', data: [ADA, BOB] }));
    expect(table.where).toBe('JSON array "data"');
    expect(all(table.records).map((r) => r.fields[0])).toEqual(['a1b2', 'c3d4']);
  });

  it('finds it two levels down, passing over arrays whose keys are not recognised', () => {
    const document = {
      report: {
        filters: [{ name: 'Team', value: 'Example Team' }],
        rows: [ADA, BOB],
      },
    };
    const table = read(JSON.stringify(document, null, 2));
    expect(table.where).toBe('JSON array "report.rows"');
    expect(all(table.records)).toEqual([
      { line: 1, fields: ['a1b2', 'ada@example.com', 'AutoCAD', '41', '13.5', ''] },
      { line: 2, fields: ['c3d4', '*****', 'Revit', '0', '', ''] },
    ]);
  });

  it('looks three levels down but no further', () => {
    expect(read(JSON.stringify({ a: { b: { rows: [ADA] } } })).where).toBe('JSON array "a.b.rows"');
    expect(errorOf(JSON.stringify({ a: { b: { c: { rows: [ADA] } } } }))).toBe(
      'usage.json contains no array of records (JSON objects) within 3 levels: expected an Autodesk Usage Report export.',
    );
  });

  it('reads JSON Lines, numbering records by physical line', () => {
    const text = [JSON.stringify(ADA), '', JSON.stringify({ ...BOB, team_alias: 'Example Team' }), ''].join('\r\n');
    const table = read(text, 'usage.jsonl');
    expect(table.where).toBe('JSON Lines');
    expect(table.header).toEqual(['hashed_autodesk_id', 'email', 'offering_name', 'days_used', 'monthly_average', 'last_accessed', 'team_alias']);
    expect(all(table.records)).toEqual([
      { line: 1, fields: ['a1b2', 'ada@example.com', 'AutoCAD', '41', '13.5', '', ''] },
      { line: 3, fields: ['c3d4', '*****', 'Revit', '0', '', '', 'Example Team'] },
    ]);
  });

  it('reads a single JSON Lines record as one record', () => {
    const table = read(`${JSON.stringify(ADA)}\n`, 'one.jsonl');
    expect(table.where).toBe('JSON object');
    expect(all(table.records)).toEqual([{ line: 1, fields: ['a1b2', 'ada@example.com', 'AutoCAD', '41', '13.5'] }]);
  });

  it('says on which line a JSON Lines file goes wrong', () => {
    const text = [JSON.stringify(ADA), JSON.stringify(BOB), '{"email": "x@example.com",', JSON.stringify(ADA)].join('\n');
    expect(errorOf(text, 'usage.jsonl')).toBe('usage.jsonl is not valid JSON Lines (error at line 3, column 27): expected an Autodesk Usage Report export.');
    expect(errorOf([JSON.stringify(ADA), '[1, 2]'].join('\n'), 'usage.jsonl')).toBe(
      'usage.jsonl is not valid JSON Lines (line 2 is not a JSON object): expected an Autodesk Usage Report export.',
    );
  });

  it('says where invalid JSON goes wrong', () => {
    const text = '{\n  "data": [\n    {"email": "a@example.com" "team_alias": "T"}\n  ]\n}';
    expect(errorOf(text)).toBe('usage.json is not valid JSON (error at line 3, column 31): expected an Autodesk Usage Report export.');
  });

  it('says when JSON is cut off', () => {
    expect(errorOf('[{"email": "a@example.com"}, ')).toBe(
      'usage.json is not valid JSON (it ends in the middle of a value, as if cut off): expected an Autodesk Usage Report export.',
    );
    expect(errorOf('[{"email": "a@exam')).toMatch(/^usage\.json is not valid JSON \(.+\): expected an Autodesk Usage Report export\.$/);
  });

  it('refuses JSON without an array of records', () => {
    expect(errorOf('{"status": "ok", "count": 3}')).toBe('usage.json contains no array of records (JSON objects) within 3 levels: expected an Autodesk Usage Report export.');
    expect(errorOf('{"data": [1, 2, 3]}')).toBe('usage.json contains no array of records (JSON objects) within 3 levels: expected an Autodesk Usage Report export.');
    expect(errorOf('42')).toBe('usage.json holds a single JSON value, not a list of records: expected an Autodesk Usage Report export.');
    expect(errorOf('  \n')).toBe('usage.json is empty: expected an Autodesk Usage Report export.');
  });

  it('refuses arrays of records whose keys are not recognised, naming them', () => {
    expect(errorOf('[{"name": "x", "value": 1}]')).toBe(
      'usage.json has no array of records with recognisable fields (looked at the top-level array): expected an Autodesk Usage Report export.',
    );
    expect(errorOf('{"data": [], "meta": {"items": [{"name": "x"}]}}')).toBe(
      'usage.json has no array of records with recognisable fields (looked at "data" (empty) and "meta.items"): expected an Autodesk Usage Report export.',
    );
    expect(errorOf('{"a": 1}\n{"b": 2}\n', 'other.jsonl')).toBe(
      'other.jsonl is JSON Lines whose records have no recognisable fields: expected an Autodesk Usage Report export.',
    );
  });
});
