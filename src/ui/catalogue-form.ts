import type { Catalogue } from '../catalogue/catalogue.ts';

/**
 * The product catalogue as the page edits it: one row of text fields per product and per Collection. Lists
 * (PLCs, aliases, members) are written comma-separated; a name that itself holds a comma is written in double
 * quotes ("Architecture, Engineering & Construction Collection"). The engine validates what comes out.
 */
export interface ProductRow {
  /** Identity of the row while it is edited (never sent to the engine). */
  key: number;
  product: string;
  plcs: string;
  aliases: string;
  function_group: string;
  lt_of: string;
}

export interface CollectionRow {
  key: number;
  offering: string;
  plcs: string;
  aliases: string;
  products: string;
}

export interface CatalogueForm {
  description: string | null;
  described: string | null;
  products: ProductRow[];
  collections: CollectionRow[];
}

/** The document the engine's `setCatalogue` takes. */
export interface CatalogueDocument {
  description?: string;
  described?: string;
  products: { product: string; plcs: string[]; aliases: string[]; function_group?: string; lt_of?: string }[];
  collections: { offering: string; plcs: string[]; aliases: string[]; products: string[] }[];
}

let nextKey = 1;

export function emptyProductRow(): ProductRow {
  return { key: nextKey++, product: '', plcs: '', aliases: '', function_group: '', lt_of: '' };
}

export function emptyCollectionRow(): CollectionRow {
  return { key: nextKey++, offering: '', plcs: '', aliases: '', products: '' };
}

export function formFromCatalogue(catalogue: Catalogue | CatalogueDocument): CatalogueForm {
  return {
    description: catalogue.description ?? null,
    described: catalogue.described ?? null,
    products: catalogue.products.map((p) => ({
      key: nextKey++,
      product: p.product,
      plcs: formatList(p.plcs ?? []),
      aliases: formatList(p.aliases ?? []),
      function_group: p.function_group ?? '',
      lt_of: p.lt_of ?? '',
    })),
    collections: catalogue.collections.map((c) => ({
      key: nextKey++,
      offering: c.offering,
      plcs: formatList(c.plcs ?? []),
      aliases: formatList(c.aliases ?? []),
      products: formatList(c.products),
    })),
  };
}

/** The form as a catalogue document: texts trimmed, lists split, empty optional fields left out, wholly empty rows dropped. */
export function catalogueFromForm(form: CatalogueForm): CatalogueDocument {
  const doc: CatalogueDocument = { products: [], collections: [] };
  if (form.description) doc.description = form.description;
  if (form.described) doc.described = form.described;
  for (const p of form.products) {
    if ([p.product, p.plcs, p.aliases, p.function_group, p.lt_of].every((v) => v.trim() === '')) continue;
    const row: CatalogueDocument['products'][number] = { product: p.product.trim(), plcs: parseList(p.plcs), aliases: parseList(p.aliases) };
    if (p.function_group.trim()) row.function_group = p.function_group.trim();
    if (p.lt_of.trim()) row.lt_of = p.lt_of.trim();
    doc.products.push(row);
  }
  for (const c of form.collections) {
    if ([c.offering, c.plcs, c.aliases, c.products].every((v) => v.trim() === '')) continue;
    doc.collections.push({ offering: c.offering.trim(), plcs: parseList(c.plcs), aliases: parseList(c.aliases), products: parseList(c.products) });
  }
  return doc;
}

/** Whether the form says something else than the catalogue in force. */
export function formDiffers(form: CatalogueForm, catalogue: Catalogue | CatalogueDocument): boolean {
  return JSON.stringify(catalogueFromForm(form)) !== JSON.stringify(catalogueFromForm(formFromCatalogue(catalogue)));
}

/** Adds `alias` to the aliases of the product named `product`; false when the form has no such product. */
export function addAlias(form: CatalogueForm, product: string, alias: string): boolean {
  const row = form.products.find((p) => p.product.trim() === product);
  if (!row) return false;
  const aliases = parseList(row.aliases);
  if (!aliases.includes(alias)) aliases.push(alias);
  row.aliases = formatList(aliases);
  return true;
}

/** `a, "b, c", d` -> ['a', 'b, c', 'd']: commas split, double quotes protect a comma, "" inside quotes is one quote. */
export function parseList(text: string): string[] {
  const items: string[] = [];
  let current = '';
  let quoted = false;
  let wasQuoted = false;
  const push = () => {
    const item = wasQuoted ? current : current.trim();
    if (item.trim() !== '' && !items.includes(item.trim())) items.push(item.trim());
    current = '';
    wasQuoted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        current += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else current += ch;
    } else if (ch === '"' && current.trim() === '') {
      current = '';
      quoted = true;
      wasQuoted = true;
    } else if (ch === ',') push();
    else current += ch;
  }
  push();
  return items;
}

/** The inverse of parseList: items joined with ", ", those holding a comma or a quote written in quotes. */
export function formatList(items: readonly string[]): string {
  return items.map((item) => (/[",]/.test(item) ? `"${item.replaceAll('"', '""')}"` : item)).join(', ');
}
