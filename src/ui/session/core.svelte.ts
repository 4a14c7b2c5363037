/**
 * What the parts of the page's session share: the engine's state, the one busy guard, a full refresh, and the
 * guard that drops an engine answer a newer request has overtaken.
 */
export abstract class SessionCore {
  /** The engine worker answered its first call (DuckDB is up). */
  engineReady = $state(false);
  /** Problems outside loading (engine start-up, export, reset). */
  engineError = $state<string | null>(null);
  /** A load, a re-read, a catalogue change or a clear is running: another waits for none, it is refused. */
  busy = $state(false);

  /** Re-reads everything the page shows from the engine. */
  abstract refresh(): Promise<void>;

  /**
   * Runs `work` as the page's one exclusive task: while it runs, `busy` is set and every other exclusive task is
   * refused (it resolves to undefined without running).
   */
  async exclusive<T>(work: () => Promise<T>): Promise<T | undefined> {
    if (this.busy) return undefined;
    this.busy = true;
    try {
      return await work();
    } finally {
      this.busy = false;
    }
  }
}

/**
 * Requests of one kind whose answers may arrive out of order (reviews with settings the user keeps changing): only
 * the newest request's answer, or failure, is kept.
 */
export class Latest {
  private newest = 0;

  /** Starts a request: the returned check tells whether it is still the newest. */
  ticket(): () => boolean {
    const run = ++this.newest;
    return () => run === this.newest;
  }

  /** Drops the answers of every request in flight (a problem found before asking the engine is what stands). */
  supersede(): void {
    ++this.newest;
  }

  /** Runs an engine call as the newest request: `use` gets its answer and `failed` its error, unless a newer request started meanwhile. */
  async latest<T>(call: () => Promise<T>, use: (answer: T) => void, failed: (error: unknown) => void): Promise<void> {
    const current = this.ticket();
    let answer: T;
    try {
      answer = await call();
    } catch (error) {
      if (current()) failed(error);
      return;
    }
    if (current()) use(answer);
  }
}
