import { z } from 'zod';
import type { Runner } from '../db/runner.ts';
import type { Param } from '../db/params.ts';
import { insertRows } from '../db/insert-rows.ts';
import shipped from './default-catalogue.json';

/** The product catalogue: data the user can edit, export and import, never code. */
export const catalogueSchema = z
  .object({
    description: z.string().optional(),
    described: z.string().optional(),
    products: z.array(
      z
        .object({
          product: z.string().min(1),
          plcs: z.array(z.string().min(1)).default([]),
          aliases: z.array(z.string().min(1)).default([]),
          function_group: z.string().nullable().optional(),
          lt_of: z.string().nullable().optional(),
        })
        .strict(),
    ),
    collections: z.array(
      z
        .object({
          offering: z.string().min(1),
          plcs: z.array(z.string().min(1)).default([]),
          aliases: z.array(z.string().min(1)).default([]),
          products: z.array(z.string().min(1)),
        })
        .strict(),
    ),
  })
  .strict()
  .superRefine((c, ctx) => {
    const known = new Set(c.products.map((p) => p.product));
    c.collections.forEach((col, i) =>
      col.products.forEach((p, j) => {
        if (!known.has(p)) ctx.addIssue({ code: 'custom', path: ['collections', i, 'products', j], message: `${p} is not a product of the catalogue` });
      }),
    );
    c.products.forEach((p, i) => {
      if (p.lt_of && !known.has(p.lt_of)) ctx.addIssue({ code: 'custom', path: ['products', i, 'lt_of'], message: `${p.lt_of} is not a product of the catalogue` });
    });
  });

export type Catalogue = z.output<typeof catalogueSchema>;

export const DEFAULT_CATALOGUE: Catalogue = catalogueSchema.parse(shipped);

export function parseCatalogue(input: unknown, source = 'catalogue'): Catalogue {
  const result = catalogueSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`);
  throw new Error(`${source}: invalid product catalogue: ${problems.join('; ')}`);
}

/** The catalogue's product for a product line code (ACD -> AutoCAD), or null when it has none. */
export function productByLineCode(catalogue: Catalogue): (plc: string) => string | null {
  const index = new Map<string, string>();
  for (const p of catalogue.products) for (const plc of p.plcs) index.set(plc.trim().toUpperCase(), p.product);
  return (plc) => index.get(plc.trim().toUpperCase()) ?? null;
}

/** Replaces the catalogue tables the SQL resolves product and offering names with. */
export async function storeCatalogue(runner: Runner, catalogue: Catalogue): Promise<void> {
  await runner.exec('DELETE FROM catalogue_products; DELETE FROM catalogue_names; DELETE FROM catalogue_plcs; DELETE FROM catalogue_members;');
  const products: Param[][] = [];
  const members: Param[][] = [];
  const names: Param[][] = [];
  const plcs: Param[][] = [];
  for (const p of catalogue.products) {
    products.push([p.product, p.function_group ?? null, p.lt_of ?? null]);
    for (const alias of [p.product, ...p.aliases]) names.push([alias, p.product, 'product']);
    for (const plc of p.plcs) plcs.push([plc, p.product, 'product']);
  }
  for (const c of catalogue.collections) {
    for (const alias of [c.offering, ...c.aliases]) names.push([alias, c.offering, 'collection']);
    for (const plc of c.plcs) plcs.push([plc, c.offering, 'collection']);
    for (const product of c.products) members.push([c.offering, product]);
  }
  await insertRows(runner, 'catalogue_products', '(?, ?, ?)', products);
  await insertRows(runner, 'catalogue_members', '(?, ?)', members);
  await insertRows(runner, 'catalogue_names', '(name_key(?), ?, ?)', names);
  await insertRows(runner, 'catalogue_plcs', '(upper(trim(?)), ?, ?)', plcs);
}
