// The pool's scheduling state machine in one file (over the ~300-line guideline on purpose): every
// path that settles a job — reply, crash, abort, close timeout, destroy — must go through the same
// settle() so each job settles exactly once, and splitting the transitions across files would hide
// that invariant. Timers, statistics and the wire format live in their own files.
import { ExecutorClosed, JobAborted, QueueFull, WorkerCrashed } from './errors.js';
import { receiveError, type SentError } from './error-transport.js';
import { JobQueue } from './job-queue.js';
import { Samples, type Percentiles } from './job-stats.js';
import { setLongTimeout, type LongTimer } from './long-timer.js';
import type { ResolvedPoolOptions } from './pool-options.js';
import { ABORT, DONE, LATE, RUN, runNumber, SKIPPED, type FromWorker } from './protocol.js';
import type { Unit, UnitFactory } from './unit.js';

/** One submitted job, from `submit` until it settles (exactly once: `settled` guards it). */
export interface Job {
  readonly id: number;
  readonly module: string;
  readonly exportName: string;
  /** The task's number in this pool (module + export), so workers can be sent it instead of two strings. */
  readonly task: number;
  readonly args: unknown[];
  readonly transfer: readonly object[] | undefined;
  readonly signal: AbortSignal | undefined;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  worker: PoolWorker | undefined;
  settled: boolean;
  aborting: boolean;
  abortTimer: LongTimer | undefined;
  onAbort: (() => void) | undefined;
  /** performance.now() when submitted, then when it started on a worker (for wait and run times). */
  time: number;
  /** Armed once the executor is closing: the job's `terminateTimeout`. */
  closeTimer: LongTimer | undefined;
}

interface PoolWorker {
  readonly unit: Unit;
  job: Job | undefined;
  /** Task numbers this worker has been told the module and export of. */
  readonly known: boolean[];
  jobsRun: number;
  idleSince: number;
  /** Set when the pool ends the worker on purpose, so its exit is not a crash. */
  leaving: boolean;
}

/**
 * What a pool executor counts right now, and how its recent jobs went.
 *
 * @example
 * ```ts
 * const { workers, busy, queued, state, completed, utilization, runTime, waitTime }: PoolStats = executor.stats;
 * console.log(`p99 run ${runTime.p99.toFixed(1)} ms, p99 wait ${waitTime.p99.toFixed(1)} ms`);
 * ```
 */
export interface PoolStats {
  /** Workers alive (busy or idle). */
  workers: number;
  /** Workers running a job. */
  busy: number;
  /** Jobs waiting for a worker (the queue size). */
  queued: number;
  /** `'closing'` after `close()` until every job has settled. */
  state: 'open' | 'closing' | 'closed';
  /** Jobs that ran on a worker and settled (with a value or an error) since the executor was made. */
  completed: number;
  /** Time a job ran on its worker, in ms, over the last 1024 jobs that ran. */
  runTime: Percentiles;
  /** Time a job waited in the queue before a worker took it, in ms, over the last 1024 jobs that started. */
  waitTime: Percentiles;
  /** Share of the pool's capacity (`size` workers since the executor was made) spent running jobs, 0 to 1. */
  utilization: number;
}

/** What a pool tells its executor: a late error from a worker, and back-pressure easing. */
export interface PoolEvents {
  /** An error surfaced in a worker after its job settled (a floating rejection); `task` names the job that ran last. */
  late(error: unknown, task: string): void;
  /** `needsDrain` went from true to false. */
  drain(): void;
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
  /** module → export name → task number. */
  private readonly taskNumbers = new Map<string, Map<string, number>>();
  private taskCount = 0;
  private state: PoolStats['state'] = 'open';
  private closed: Promise<void> | undefined;
  private onDrained: (() => void) | undefined;
  private sweepTimer: LongTimer | undefined;
  private releaseScheduled = false;
  private readonly runTimes = new Samples();
  private readonly waitTimes = new Samples();
  private completed = 0;
  private busyMs = 0;
  private readonly createdAt = performance.now();
  /** Whether `needsDrain` was true when last looked at, so 'drain' is reported once per episode. */
  private draining = false;
  /** Queue length at which a producer should wait for 'drain': `maxQueue`, or one waiting job per worker. */
  private readonly highWater: number;

  constructor(
    private readonly options: ResolvedPoolOptions,
    private readonly startUnit: UnitFactory,
    private readonly unitName: string,
    private readonly events: PoolEvents,
  ) {
    this.highWater = options.maxQueue === Infinity ? options.size : Math.max(1, options.maxQueue);
  }

  get stats(): PoolStats {
    let busy = 0;
    let running = 0;
    const now = performance.now();
    for (const worker of this.workers) {
      if (!worker.job) continue;
      busy++;
      running += now - worker.job.time;
    }
    const capacity = (now - this.createdAt) * this.options.size;
    return {
      workers: this.workers.size,
      busy,
      queued: this.queued,
      state: this.state,
      completed: this.completed,
      runTime: this.runTimes.percentiles(),
      waitTime: this.waitTimes.percentiles(),
      utilization: capacity > 0 ? Math.min(1, (this.busyMs + running) / capacity) : 0,
    };
  }

  /** Whether a producer should wait for the 'drain' event before submitting more: the queue holds `maxQueue` jobs (or, unbounded, one per worker). */
  get needsDrain(): boolean {
    const needs = this.queued >= this.highWater;
    if (needs) this.draining = true;
    return needs;
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
      job = {
        id: this.nextId++,
        module,
        exportName,
        task: this.taskNumber(module, exportName),
        args,
        transfer,
        signal,
        resolve,
        reject,
        worker: undefined,
        settled: false,
        aborting: false,
        abortTimer: undefined,
        onAbort: undefined,
        time: performance.now(),
        closeTimer: undefined,
      };
    });
    if (signal) {
      job.onAbort = () => this.abort(job, signal.reason);
      signal.addEventListener('abort', job.onAbort, { once: true });
    }
    if (worker) {
      if (!this.dispatch(worker, job)) this.next(worker);
    } else {
      this.queue.push(job);
      if (!this.draining && this.queued >= this.highWater) this.draining = true;
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
      job.abortTimer = setLongTimeout(() => this.abortHard(job, reason), this.options.abortGrace);
    } else {
      this.abortHard(job, reason);
    }
  }

  /**
   * Let queued and running jobs finish, then end every worker. A job gets `terminateTimeout` ms
   * from `close()` (or from its start, if it starts later) to settle; past that it is rejected
   * with ExecutorClosed and its worker ended, so close() never waits on a job that never settles.
   */
  close(): Promise<void> {
    if (this.closed) return this.closed;
    this.state = 'closing';
    for (const worker of this.workers) if (worker.job) this.armCloseTimer(worker.job);
    this.closed = (async () => {
      if (this.queued > 0 || this.busyCount() > 0) await new Promise<void>((resolve) => (this.onDrained = resolve));
      this.state = 'closed';
      this.sweepTimer?.clear();
      for (const worker of this.workers) this.retire(worker, false);
      while (this.stopping.size > 0) await Promise.all(this.stopping);
    })();
    return this.closed;
  }

  async destroy(): Promise<void> {
    const error = (started: boolean) => new ExecutorClosed(`${this.options.name} was destroyed ${started ? 'while this job ran' : 'before this job started'}`);
    this.state = 'closed';
    this.sweepTimer?.clear();
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

  private taskNumber(module: string, exportName: string): number {
    let exports = this.taskNumbers.get(module);
    if (!exports) this.taskNumbers.set(module, (exports = new Map<string, number>()));
    let number = exports.get(exportName);
    if (number === undefined) exports.set(exportName, (number = this.taskCount++));
    return number;
  }

  private busyCount(): number {
    let busy = 0;
    for (const worker of this.workers) if (worker.job) busy++;
    return busy;
  }

  private armCloseTimer(job: Job): void {
    const limit = this.options.terminateTimeout;
    job.closeTimer = setLongTimeout(() => {
      const worker = job.worker;
      if (job.settled || !worker) return;
      worker.job = job.worker = undefined;
      this.fail(job, new ExecutorClosed(`${this.options.name} was closed and ${job.exportName} did not finish within terminateTimeout (${limit} ms); its ${this.unitName} was ended`));
      this.retire(worker, true);
      this.refill();
      this.checkDrained();
    }, limit);
  }

  private spawn(): PoolWorker {
    const worker: PoolWorker = { unit: undefined as unknown as Unit, job: undefined, known: [], jobsRun: 0, idleSince: 0, leaving: false };
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
    const now = performance.now();
    this.waitTimes.add(now - job.time);
    job.time = now;
    if (this.state === 'closing') this.armCloseTimer(job);
    worker.unit.hold(true);
    try {
      const packed = worker.known[job.task] && job.args.length === 0 && !job.transfer ? runNumber(job.id, job.task) : undefined;
      if (packed !== undefined) worker.unit.post(packed);
      else if (worker.known[job.task]) worker.unit.post([RUN, job.id, job.task, job.args], job.transfer);
      else {
        worker.unit.post([RUN, job.id, job.task, job.args, job.module, job.exportName], job.transfer);
        worker.known[job.task] = true;
      }
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
      else if (this.dispatch(worker, job)) {
        if (this.draining && this.queued < this.highWater) this.drained();
        return;
      }
    }
    if (this.draining) this.drained();
    worker.idleSince = performance.now();
    this.idle.push(worker);
    this.releaseIdleSoon();
    if (this.options.idleTimeout !== Infinity) this.sweepSoon(this.options.idleTimeout);
    this.checkDrained();
  }

  private drained(): void {
    this.draining = false;
    this.events.drain();
  }

  private onMessage(worker: PoolWorker, message: FromWorker): void {
    if (typeof message === 'number') message = [DONE, message, undefined]; // a job that returned nothing
    else if (message[0] === LATE) {
      this.events.late(receiveError(message[1]), message[2]);
      return;
    }
    const job = worker.job;
    if (!job || job.id !== message[1]) return; // a late reply for a job already aborted
    worker.job = job.worker = undefined;
    if (message[0] === SKIPPED) {
      this.fail(job, new JobAborted('queued', job.signal?.reason));
      this.next(worker);
      return;
    }
    worker.jobsRun++;
    this.completed++;
    const ran = performance.now() - job.time;
    this.runTimes.add(ran);
    this.busyMs += ran;
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
    job.abortTimer?.clear();
    job.closeTimer?.clear();
    if (this.state === 'closing') queueMicrotask(() => this.checkDrained());
    return true;
  }

  private checkDrained(): void {
    if (this.onDrained && this.queued === 0 && this.busyCount() === 0) {
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
    this.sweepTimer = setLongTimeout(() => {
      this.sweepTimer = undefined;
      const now = performance.now();
      let soonest = Infinity;
      for (const worker of [...this.idle]) {
        const idleFor = now - worker.idleSince;
        if (idleFor >= this.options.idleTimeout) this.retire(worker, false);
        else soonest = Math.min(soonest, this.options.idleTimeout - idleFor);
      }
      if (soonest !== Infinity) this.sweepSoon(soonest);
    }, delay, true);
  }
}
