/** Work the engine runs after a request answered: started on demand, one run at a time per process. */
export interface BackgroundTask {
  /** Starts a run, or one more run after the one in flight (kicks during a run coalesce into one). */
  kick(): void;
  /** Resolves once no run is in flight or asked for. */
  idle(): Promise<void>;
}

/** A run that fails is reported to `onError` and not repeated: the next kick or scheduled run retries. */
export function createBackgroundTask(
  run: () => Promise<unknown>,
  onError: (error: unknown) => void,
): BackgroundTask {
  let running: Promise<void> | undefined;
  let again = false;
  const loop = async () => {
    do {
      again = false;
      try {
        await run();
      } catch (error) {
        onError(error);
      }
    } while (again);
  };
  return {
    kick() {
      if (running) {
        again = true;
        return;
      }
      running = loop().finally(() => {
        running = undefined;
      });
    },
    idle: async () => {
      while (running) await running;
    },
  };
}
