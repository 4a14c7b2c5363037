import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOGUE, parseCatalogue } from '../../src/catalogue/catalogue.ts';
import {
  addAlias,
  catalogueFromForm,
  emptyCollectionRow,
  emptyProductRow,
  formDiffers,
  formFromCatalogue,
  formatList,
  parseList,
} from '../../src/ui/catalogue-form.ts';
import { KIND_OPTIONS } from '../../src/ui/file-kinds.ts';
import { FILE_KINDS } from '../../src/ingest/ingest-report.ts';
import { ADAPTERS } from '../../src/ingest/registry.ts';

describe('catalogue form', () => {
  it('round-trips the shipped catalogue into a document the engine reads back unchanged', () => {
    const form = formFromCatalogue(DEFAULT_CATALOGUE);
    expect(parseCatalogue(catalogueFromForm(form))).toEqual(DEFAULT_CATALOGUE);
    expect(formDiffers(form, DEFAULT_CATALOGUE)).toBe(false);
  });

  it('keeps a name holding a comma whole by quoting it', () => {
    const aec = formFromCatalogue(DEFAULT_CATALOGUE).collections.find((c) => c.offering === 'AEC Collection')!;
    expect(aec.aliases).toContain('"Architecture, Engineering & Construction Collection"');
    expect(parseList(aec.aliases)).toContain('Architecture, Engineering & Construction Collection');
  });

  it('splits lists on commas, trims, drops empties and repeats, and reads doubled quotes', () => {
    expect(parseList(' ACD ,, ACDLT, ACD ')).toEqual(['ACD', 'ACDLT']);
    expect(parseList('"Say ""hi"", then", b')).toEqual(['Say "hi", then', 'b']);
    expect(parseList('')).toEqual([]);
    expect(formatList(['a', 'b, c', 'd"e'])).toBe('a, "b, c", "d""e"');
  });

  it('drops wholly empty rows, leaves empty optional fields out and keeps a half-filled row for the engine to judge', () => {
    const form = formFromCatalogue(DEFAULT_CATALOGUE);
    form.products.push(emptyProductRow());
    form.collections.push(emptyCollectionRow());
    expect(catalogueFromForm(form).products).toHaveLength(DEFAULT_CATALOGUE.products.length);
    expect(formDiffers(form, DEFAULT_CATALOGUE)).toBe(false);
    form.products.push({ ...emptyProductRow(), plcs: 'FUS' });
    const doc = catalogueFromForm(form);
    expect(doc.products.at(-1)).toEqual({ product: '', plcs: ['FUS'], aliases: [] });
    expect(() => parseCatalogue(doc)).toThrow(/products\.\d+\.product/);
  });

  it('adds an alias to the named product once', () => {
    const form = formFromCatalogue(DEFAULT_CATALOGUE);
    expect(addAlias(form, 'AutoCAD', 'Fusion 360')).toBe(true);
    expect(addAlias(form, 'AutoCAD', 'Fusion 360')).toBe(true);
    expect(addAlias(form, 'No such product', 'x')).toBe(false);
    const acad = catalogueFromForm(form).products.find((p) => p.product === 'AutoCAD')!;
    expect(acad.aliases.filter((a) => a === 'Fusion 360')).toHaveLength(1);
    expect(formDiffers(form, DEFAULT_CATALOGUE)).toBe(true);
  });
});

describe('file kinds offered', () => {
  it('lists every kind the engine reads, each with the label of its adapter', () => {
    expect(KIND_OPTIONS.map((o) => o.kind)).toEqual([...FILE_KINDS]);
    for (const adapter of ADAPTERS) expect(KIND_OPTIONS.find((o) => o.kind === adapter.kind)?.label).toBe(adapter.label);
    expect(ADAPTERS.map((a) => a.kind).sort()).toEqual([...FILE_KINDS].sort());
  });
});
