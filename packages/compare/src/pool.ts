import { ExecutorClosed, JobAborted, QueueFull, WorkerCrashed } from './errors.js';
import { receiveError, type SentError } from './error-transport.js';
import { JobQueue } from './job-queue.js';
import type { ResolvedPoolOptions } from './pool-options.js';
import { ABORT, DONE, RUN, type FromWorker } from './protocol.js';
import type { Unit, UnitFactory } from './unit.js';

/** One submitted job, from `submit` until it settles (exactly once: `settled` guards it). */
export interface Job {
  readonly id: number;
  readonly module: string;
  readonly exportName: string;
  readonly args: unknown[];
  readonly transfer: readonly object[] | undefined;
  readonly signal: AbortSignal | undefined;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  worker: PoolWorker | undefined;
  settled: boolean;
  aborting: boolean;
  abortTimer: NodeJS.Timeout | undefined;
  onAbort: (() => void) | undefined;
}

interface PoolWorker {
  readonly unit: Unit;
  job: Job | undefined;
  jobsRun: number;
  idleSince: number;
  /** Set when the pool ends the worker on purpose, so its exit is not a crash. */
  leaving: boolean;
}

/**
 * What a pool executor counts right now.
 *
 * @example
 * ```ts
 * const { workers, busy, queued, state }: PoolStats = executor.stats;
 * ```
 */
export interface PoolStats {
  /** Workers alive (busy or idle). */
  workers: number;
  /** Workers running a job. */
  busy: number;
  /** Jobs waiting for a worker. */
  queued: number;
  /** `'closing'` after `close()` until every job has settled. */
  state: 'open' | 'closing' | 'closed';
}

/**
 * The scheduling policy shared by thread and process executors: a FIFO queue with an optional
 * bound, lazily started workers, crash handling, aborts, recycling and shutdown. Invariant: every
 * job is settled exactly once, by `succeed` or `fail`.
 */
export class Pool {
  private readonly workers = new Set<PoolWorker>();
  private readonly idle: PoolWorker[] = [];
  private readonly queue = new JobQueue<Job>();
  private readonly stopping = new Set<Promise<void>>();
  /** Jobs aborted while queued: settled, but left in the queue (removing them is O(n)) until a worker skips them. */
  private abortedInQueue = 0;
  private nextId = 1;
  private state: PoolStats['state'] = 'open';
  private closed: Promise<void> | undefined;
  private onDrained: (() => void) | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;
  private releaseScheduled = false;

  constructor(
    private readonly options: ResolvedPoolOptions,
    private readonly startUnit: UnitFactory,
    private readonly unitName: string,
  ) {}

  get stats(): PoolStats {
    let busy = 0;
    for (const worker of this.workers) if (worker.job) busy++;
    return { workers: this.workers.size, busy, queued: this.queued, state: this.state };
  }

  /** Jobs waiting for a worker (not counting aborted ones still in the queue). */
  private get queued(): number {
    return this.queue.length - this.abortedInQueue;
  }

  /** Queue or dispatch a job; `enqueue` returns the job so `map` can abort it without a listener per job. */
  enqueue(module: string, exportName: string, args: unknown[], transfer: readonly object[] | undefined, signal: AbortSignal | undefined): { job?: Job; promise: Promise<unknown> } {
    if (this.state !== 'open') return { promise: Promise.reject(new ExecutorClosed(`${this.options.name} is closed; no new jobs are accepted`)) };
    if (signal?.aborted) return { promise: Promise.reject(new JobAborted('queued', signal.reason)) };
    const worker = this.idle.pop() ?? (this.workers.size < this.options.size ? this.spawn() : undefined);
    if (!worker && this.queued >= this.options.maxQueue) return { promise: Promise.reject(new QueueFull(this.options.maxQueue)) };
    let job!: Job;
    const promise = new Promise<unknown>((resolve, reject) => {
      job = { id: this.nextId++, module, exportName, args, transfer, signal, resolve, reject, worker: undefined, settled: false, aborting: false, abortTimer: undefined, onAbort: undefined };
    });
    if (signal) {
      job.onAbort = () => this.abort(job, signal.reason);
      signal.addEventListener('abort', job.onAbort, { once: true });
    }
    if (worker) {
      if (!this.dispatch(worker, job)) this.next(worker);
    } else {
      this.queue.push(job);
    }
    return { job, promise };
  }

  /** Stop a job: drop it from the queue, or stop it on its worker (gracefully first if `abortGrace` allows). */
  abort(job: Job, reason: unknown): void {
    if (job.settled) return;
    const worker = job.worker;
    if (!worker) {
      this.abortedInQueue++;
      this.fail(job, new JobAborted('queued', reason));
    } else if (this.options.abortGrace > 0 && !job.aborting) {
      job.aborting = true;
      worker.unit.post([ABORT, job.id]);
      job.abortTimer = setTimeout(() => this.abortHard(job, reason), this.options.abortGrace);
    } else {
      this.abortHard(job, reason);
    }
  }

  close(): Promise<void> {
    if (this.closed) return this.closed;
    this.state = 'closing';
    this.closed = (async () => {
      if (this.queued > 0 || this.stats.busy > 0) await new Promise<void>((resolve) => (this.onDrained = resolve));
      this.state = 'closed';
      clearTimeout(this.sweepTimer);
      for (const worker of this.workers) this.retire(worker, false);
      while (this.stopping.size > 0) await Promise.all(this.stopping);
    })();
    return this.closed;
  }

  async destroy(): Promise<void> {
    const error = (started: boolean) => new ExecutorClosed(`${this.options.name} was destroyed ${started ? 'while this job ran' : 'before this job started'}`);
    this.state = 'closed';
    clearTimeout(this.sweepTimer);
    for (const job of this.queue.drain()) this.fail(job, error(false));
    this.abortedInQueue = 0;
    for (const worker of this.workers) {
      if (worker.job) this.fail(worker.job, error(true));
      this.retire(worker, true);
    }
    this.onDrained?.();
    while (this.stopping.size > 0) await Promise.all(this.stopping);
    await this.closed;
  }

  private spawn(): PoolWorker {
    const worker: PoolWorker = { unit: undefined as unknown as Unit, job: undefined, jobsRun: 0, idleSince: 0, leaving: false };
    (worker as { unit: Unit }).unit = this.startUnit({
      message: (message) => this.onMessage(worker, message),
      exit: (code, signal, error) => this.onExit(worker, code, signal, error),
    });
    this.workers.add(worker);
    return worker;
  }

  /** Hand `job` to `worker`; false when its arguments could not be sent (the job is then failed). */
  private dispatch(worker: PoolWorker, job: Job): boolean {
    worker.job = job;
    job.worker = worker;
    worker.unit.hold(true);
    try {
      worker.unit.post([RUN, job.id, job.module, job.exportName, job.args], job.transfer);
      return true;
    } catch (error) {
      worker.job = job.worker = undefined;
      const message = `${job.exportName}: an argument cannot be sent to a ${this.unitName} (${(error as Error).message}); pass plain data, typed arrays or transferables`;
      this.fail(job, new TypeError(message, { cause: error }));
      return false;
    }
  }

  /** Give a free worker the next queued job, or let it idle. */
  private next(worker: PoolWorker): void {
    for (let job = this.queue.shift(); job; job = this.queue.shift()) {
      if (job.settled) this.abortedInQueue--;
      else if (this.dispatch(worker, job)) return;
    }
    worker.idleSince = performance.now();
    this.idle.push(worker);
    this.releaseIdleSoon();
    if (this.options.idleTimeout !== Infinity) this.sweepSoon(this.options.idleTimeout);
    this.checkDrained();
  }

  private onMessage(worker: PoolWorker, message: FromWorker): void {
    const job = worker.job;
    if (!job || job.id !== message[1]) return; // a late reply for a job already aborted
    worker.job = job.worker = undefined;
    worker.jobsRun++;
    if (message[0] === DONE) this.succeed(job, message[2]);
    else this.fail(job, receiveError(message[2] as SentError));
    const overMemory = (message[3] ?? 0) > this.options.maxMemoryPerWorker;
    if (worker.jobsRun >= this.options.maxJobsPerWorker || overMemory) {
      this.retire(worker, false);
      this.refill();
    } else if (!worker.leaving) {
      this.next(worker);
    }
  }

  private onExit(worker: PoolWorker, exitCode: number | null, signal: NodeJS.Signals | null, error: unknown): void {
    this.forget(worker);
    const job = worker.job;
    worker.job = undefined;
    if (job) {
      const what = `the ${this.unitName} running ${job.exportName}`;
      this.fail(job, new WorkerCrashed(what, exitCode, signal, error === undefined ? undefined : { cause: error }));
    }
    if (this.state !== 'closed') this.refill();
    this.checkDrained();
  }

  private abortHard(job: Job, reason: unknown): void {
    const worker = job.worker;
    if (job.settled || !worker) return;
    worker.job = job.worker = undefined;
    this.fail(job, new JobAborted('hard', reason));
    this.retire(worker, true);
    // Later, so that other jobs aborted by the same signal leave the queue before a worker takes them.
    queueMicrotask(() => this.refill());
  }

  /** End a worker on purpose (recycled, idle too long, aborted job, shutdown). */
  private retire(worker: PoolWorker, now: boolean): void {
    if (worker.leaving) return;
    worker.leaving = true;
    this.forget(worker);
    const stopped = now ? worker.unit.kill() : worker.unit.stop(this.options.terminateTimeout);
    this.stopping.add(stopped);
    void stopped.finally(() => this.stopping.delete(stopped));
  }

  private forget(worker: PoolWorker): void {
    this.workers.delete(worker);
    const index = this.idle.indexOf(worker);
    if (index >= 0) this.idle.splice(index, 1);
  }

  /** Start workers for queued jobs, up to the pool size (after a crash, recycle or abort). */
  private refill(): void {
    while (this.queued > 0 && this.workers.size < this.options.size && this.state !== 'closed') this.next(this.spawn());
  }

  private succeed(job: Job, value: unknown): void {
    if (!this.settle(job)) return;
    if (job.aborting) job.reject(new JobAborted('graceful', job.signal?.reason));
    else job.resolve(value);
  }

  private fail(job: Job, error: unknown): void {
    if (!this.settle(job)) return;
    const stoppedByItself = job.aborting && !(error instanceof WorkerCrashed) && !(error instanceof JobAborted);
    job.reject(stoppedByItself ? new JobAborted('graceful', job.signal?.reason) : error);
  }

  private settle(job: Job): boolean {
    if (job.settled) return false;
    job.settled = true;
    if (job.onAbort) job.signal!.removeEventListener('abort', job.onAbort);
    if (job.abortTimer) clearTimeout(job.abortTimer);
    if (this.state === 'closing') queueMicrotask(() => this.checkDrained());
    return true;
  }

  private checkDrained(): void {
    if (this.onDrained && this.queued === 0 && this.stats.busy === 0) {
      const drained = this.onDrained;
      this.onDrained = undefined;
      drained();
    }
  }

  /**
   * Let idle workers stop holding the process open, once this turn of the event loop is over: a
   * caller submitting one job after another (a round trip) re-uses the worker before then, so the
   * worker is not unref'd and ref'd again on every job.
   */
  private releaseIdleSoon(): void {
    if (this.releaseScheduled) return;
    this.releaseScheduled = true;
    setImmediate(() => {
      this.releaseScheduled = false;
      for (const worker of this.idle) worker.unit.hold(false);
    }).unref();
  }

  private sweepSoon(delay: number): void {
    if (this.sweepTimer) return;
    this.sweepTimer = setTimeout(() => {
      this.sweepTimer = undefined;
      const now = performance.now();
      let soonest = Infinity;
      for (const worker of [...this.idle]) {
        const idleFor = now - worker.idleSince;
        if (idleFor >= this.options.idleTimeout) this.retire(worker, false);
        else soonest = Math.min(soonest, this.options.idleTimeout - idleFor);
      }
      if (soonest !== Infinity) this.sweepSoon(soonest);
    }, delay);
    this.sweepTimer.unref();
  }
}
