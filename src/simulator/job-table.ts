import { failedJob } from "./job-builder.js";
import type { SubjectsOf } from "./job-subjects.js";
import { createRng } from "./rng.js";
import type { FailureJob, Job } from "./types.js";

interface DeferredJob {
  failure: FailureJob;
  serverGroupId: string;
}

/**
 * `data.jobs`: a Map in every respect, whose FAIL jobs behind failed tasks are built on first
 * use. Data sets hold tens of thousands of failures, and building every job with its sub-jobs up
 * front was three quarters of the start-up time. Each such job is a pure function of
 * (seed, failure, the resources it names), drawn from its own random stream, so when it is
 * built changes nothing a caller can see. Iterating builds all that are left.
 */
export class JobTable extends Map<string, Job> {
  readonly #seed: number;
  readonly #deferred = new Map<string, DeferredJob>();
  readonly #subjectsOf: SubjectsOf;

  constructor(seed: number, subjectsOf: SubjectsOf) {
    super();
    this.#seed = seed;
    this.#subjectsOf = subjectsOf;
  }

  /** Registers the FAIL job a failed task's job_id resolves to; the item is copied as it is now. */
  defer(failure: FailureJob, serverGroupId: string): void {
    super.delete(failure.job_id);
    this.#deferred.set(failure.job_id, { failure: { ...failure }, serverGroupId });
  }

  override get(jobId: string): Job | undefined {
    return super.get(jobId) ?? this.#build(jobId);
  }

  override has(jobId: string): boolean {
    return super.has(jobId) || this.#deferred.has(jobId);
  }

  override set(jobId: string, job: Job): this {
    this.#deferred.delete(jobId);
    return super.set(jobId, job);
  }

  override delete(jobId: string): boolean {
    const wasDeferred = this.#deferred.delete(jobId);
    return super.delete(jobId) || wasDeferred;
  }

  override clear(): void {
    this.#deferred.clear();
    super.clear();
  }

  override get size(): number {
    return super.size + this.#deferred.size;
  }

  override forEach(
    callback: (job: Job, jobId: string, map: Map<string, Job>) => void,
    thisArg?: unknown,
  ): void {
    this.#buildAll();
    super.forEach(callback, thisArg);
  }

  override entries(): MapIterator<[string, Job]> {
    this.#buildAll();
    return super.entries();
  }

  override keys(): MapIterator<string> {
    this.#buildAll();
    return super.keys();
  }

  override values(): MapIterator<Job> {
    this.#buildAll();
    return super.values();
  }

  override [Symbol.iterator](): MapIterator<[string, Job]> {
    return this.entries();
  }

  #build(jobId: string): Job | undefined {
    const deferred = this.#deferred.get(jobId);
    if (deferred === undefined) return undefined;
    const rng = createRng(this.#seed, `job:${jobId}`);
    const { failure, serverGroupId } = deferred;
    const subjects = this.#subjectsOf(
      rng,
      serverGroupId,
      failure.resource_type,
      failure.resource_id,
    );
    const job = failedJob(rng, failure, subjects);
    this.set(jobId, job);
    return job;
  }

  #buildAll(): void {
    for (const jobId of [...this.#deferred.keys()]) this.#build(jobId);
  }
}
