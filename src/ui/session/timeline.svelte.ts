import type { UserTimeline } from '../../engine/api.ts';
import { engine } from '../engine-client.ts';
import { errorMessage } from '../format.ts';

/** The user whose timeline is open (their assignments and usage days), and the engine's answer for them. */
export class TimelineState {
  timelineKey = $state<string | null>(null);
  timeline = $state.raw<UserTimeline | null>(null);
  timelineError = $state<string | null>(null);

  /** Opens the timeline of a user; an answer for a user no longer open is dropped. */
  async openTimeline(userKey: string): Promise<void> {
    this.timelineKey = userKey;
    this.timeline = null;
    this.timelineError = null;
    try {
      const timeline = await engine().userTimeline(userKey);
      if (this.timelineKey === userKey) this.timeline = timeline;
    } catch (error) {
      if (this.timelineKey === userKey) this.timelineError = `The timeline of ${userKey} could not be read: ${errorMessage(error)}`;
    }
  }

  /** A user's timeline for the evidence shown in place under a finding (the dialog keeps its own). */
  read(userKey: string): Promise<UserTimeline> {
    return engine().userTimeline(userKey);
  }

  closeTimeline(): void {
    this.timelineKey = null;
    this.timeline = null;
    this.timelineError = null;
  }
}
