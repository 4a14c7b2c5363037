import type { Attachment } from 'svelte/attachments';

/**
 * Makes a sideways-scrolling table container reachable by keyboard: focusable, announced as a region and named after
 * its table's caption (or the nearest heading), so that arrow keys scroll it without a mouse.
 */
export const scrollRegion: Attachment<HTMLElement> = (element) => {
  element.tabIndex = 0;
  element.setAttribute('role', 'region');
  if (!element.hasAttribute('aria-label')) {
    const caption = element.querySelector('caption')?.textContent?.trim();
    const heading = element.closest('section, article, details')?.querySelector('h2, h3, h4, summary')?.textContent?.trim();
    element.setAttribute('aria-label', caption || (heading ? `${heading}: table` : 'Table'));
  }
};
