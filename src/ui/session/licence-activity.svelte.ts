import type { LicenceServerActivity } from '../../review/licence-servers.ts';
import type { ReviewWindow } from '../../rules/rule.ts';
import { engine } from '../engine-client.ts';
import { errorMessage } from '../format.ts';

/** The checkouts and denials of the product the licence-server view shows; an answer for another product is dropped. */
export class LicenceActivityState {
  private asked: { product: string; of: object } | null = null;
  activity = $state.raw<LicenceServerActivity | null>(null);
  error = $state<string | null>(null);

  /** Asks for `product` in the window of `review` (the review in force: new data or settings ask again). */
  async show(product: string, review: { window: Pick<ReviewWindow, 'start' | 'end'> | null }): Promise<void> {
    if (this.asked?.product === product && this.asked.of === review) return;
    const asked = { product, of: review };
    this.asked = asked;
    const window = review.window;
    this.activity = null;
    this.error = null;
    if (!window) return;
    try {
      const activity = await engine().licenceServerActivity(product, window);
      if (this.asked === asked) this.activity = activity;
    } catch (error) {
      if (this.asked === asked) this.error = `The checkouts of ${product} could not be read: ${errorMessage(error)}`;
    }
  }
}
