// A loop that asks a messenger for new events until it is stopped: start once, stop by aborting
// the request in flight and waiting for the loop to end. Each channel's poller supplies `run`.
export abstract class PollLoop {
  protected stopped = false;
  protected readonly controller = new AbortController();
  private loop: Promise<void> | undefined;

  start(): Promise<void> {
    this.loop = this.run();
    return this.loop;
  }

  async stop() {
    this.stopped = true;
    this.controller.abort();
    await this.loop?.catch(() => undefined);
  }

  protected abstract run(): Promise<void>;
}
