import type { Catalogue } from '../../catalogue/catalogue.ts';
import type { UnknownProduct } from '../../engine/api.ts';
import shippedCatalogue from '../../catalogue/default-catalogue.json';
import { engine } from '../engine-client.ts';
import { downloadText } from '../download.ts';
import { errorMessage } from '../format.ts';
import type { SessionCore } from './core.svelte.ts';

/** The product catalogue in force in the engine, and applying, importing, exporting and restoring one. */
export class CatalogueState {
  /** The catalogue in force; replaced only when the page sets a new one. */
  catalogue = $state.raw<Catalogue | null>(null);
  /** Product names in the data that the catalogue does not know. */
  unknownProducts = $state.raw<UnknownProduct[]>([]);
  /** Why the last catalogue change was refused (the engine's validation message), or why it could not be read. */
  catalogueError = $state<string | null>(null);
  /** What the last catalogue change did, for a screen reader and a glance. */
  catalogueNotice = $state<string | null>(null);

  constructor(private readonly core: SessionCore) {}

  /** Hands a catalogue document to the engine, which validates it; on success every figure is re-derived with it. */
  async applyCatalogue(document: unknown, done = 'Catalogue applied: the review now uses it.'): Promise<boolean> {
    const applied = await this.core.exclusive(async () => {
      this.catalogueNotice = null;
      try {
        this.catalogue = await engine().setCatalogue(document);
        this.catalogueError = null;
        this.catalogueNotice = done;
        return true;
      } catch (error) {
        this.catalogueError = errorMessage(error);
        return false;
      }
    });
    if (!applied) return false;
    await this.core.refresh();
    return true;
  }

  /** Reads a catalogue file the user picked and applies it. */
  async importCatalogue(file: File): Promise<void> {
    let document: unknown;
    try {
      document = JSON.parse(await file.text());
    } catch (error) {
      this.catalogueNotice = null;
      this.catalogueError = `${file.name} is not a JSON file: ${errorMessage(error)}`;
      return;
    }
    await this.applyCatalogue(document, `Catalogue imported from ${file.name}: the review now uses it.`);
  }

  /** Goes back to the catalogue the page ships with. */
  restoreCatalogue(): Promise<boolean> {
    return this.applyCatalogue(shippedCatalogue, 'Shipped catalogue restored: the review now uses it.');
  }

  exportCatalogue(): void {
    if (!this.catalogue) return;
    downloadText('product-catalogue.json', `${JSON.stringify(this.catalogue, null, 2)}\n`, 'application/json;charset=utf-8');
  }
}
