/** The page's sections, in the navigation's order: each has its own URL hash (#summary, #findings, ...). */
export const SECTIONS = [
  { id: 'summary', label: 'Summary' },
  { id: 'findings', label: 'Actions and findings' },
  { id: 'money', label: 'Money' },
  { id: 'usage', label: 'Usage' },
  { id: 'servers', label: 'Licence servers' },
  { id: 'flex', label: 'Flex tokens' },
  { id: 'data', label: 'Data' },
  { id: 'settings', label: 'Settings' },
  { id: 'deliverables', label: 'Deliverables' },
] as const;

export type SectionId = (typeof SECTIONS)[number]['id'];

const isSection = (id: string): id is SectionId => SECTIONS.some((s) => s.id === id);

/**
 * The section the page shows, read from the URL hash so that back, reload and a shared link keep the place. Only
 * `go` and the browser's own history change it; nothing else writes the hash.
 */
export class SectionRouter {
  current = $state<SectionId>('summary');

  constructor() {
    this.current = this.fromHash();
  }

  /** The section a hash names: "#money", or "#money-title" (the skip link's target, the section's heading). */
  private fromHash(): SectionId {
    const id = (globalThis.location?.hash.replace(/^#/, '') ?? '').replace(/-title$/, '');
    return isSection(id) ? id : this.current ?? 'summary';
  }

  /** Follows the hash the browser moved to (a link, back, forward). */
  readonly onhashchange = () => {
    this.current = this.fromHash();
  };

  /** Shows a section and puts it in the history; `focus` moves the keyboard to its heading. */
  go(id: SectionId, focus = true): void {
    if (this.fromHash() !== id) history.pushState(null, '', `#${id}`);
    this.current = id;
    if (focus) queueMicrotask(() => requestAnimationFrame(() => document.getElementById(`${id}-title`)?.focus({ preventScroll: false })));
  }
}
