/**
 * Leader election on a coordination.k8s.io/v1 Lease, after client-go's
 * `leaderelection`: one candidate at a time holds the Lease and runs the
 * work; the others wait for it to expire or be released.
 *
 * @module
 */

import { Api } from "../api/api.ts";
import type { Client } from "../http/client.ts";
import { afterMs } from "../util/abort.ts";
import { Backoff } from "../util/backoff.ts";
import { type Clock, realClock } from "../util/clock.ts";
import { isAlreadyExists, isConflict, isNotFound, KubeError } from "../errors.ts";
import type { Lease } from "../types/mod.ts";
import {
  createdLease,
  type LeaseHolder,
  recordOf,
  releasedLease,
  renewedLease,
  takenOverLease,
} from "./lease_record.ts";
import { microTime } from "./micro_time.ts";
import { MetricsRegistry } from "./metrics.ts";

/**
 * Options of {@linkcode LeaderElector}. The timings are client-go's
 * recommended defaults and must keep `leaseDurationMs > renewDeadlineMs >
 * 1.2 × retryPeriodMs`: a leader gives up after failing to renew for
 * `renewDeadlineMs`, before any other candidate may take over, which is
 * `leaseDurationMs` after it last saw the Lease change.
 *
 * @example
 * ```ts
 * import type { LeaderElectorOptions } from "./leader_elector.ts";
 * const options: LeaderElectorOptions = {
 *   name: "my-operator",
 *   namespace: "operators",
 *   onNewLeader: (identity) => console.log(`${identity} leads`),
 * };
 * ```
 */
export interface LeaderElectorOptions {
  /** The Lease's name. */
  name: string;
  /** The Lease's namespace; the client's default namespace if unset. */
  namespace?: string;
  /** This candidate's identity, unique among candidates; hostname plus a random suffix by default. */
  identity?: string;
  /** How long a holder's claim lasts without renewal: 15 s. A whole number of seconds. */
  leaseDurationMs?: number;
  /** How long the leader keeps trying to renew before it gives up leading: 10 s. */
  renewDeadlineMs?: number;
  /** How often the leader renews, and candidates try to acquire (plus up to 120 % jitter): 2 s. */
  retryPeriodMs?: number;
  /**
   * The clock for every wait and expiry; its `now()` is also written, as
   * Unix milliseconds, into `acquireTime` and `renewTime`. The real one by
   * default.
   */
  clock?: Clock;
  /** Called when this candidate starts leading, before the work starts. */
  onStartedLeading?: () => void;
  /** Called when this candidate stops leading: leadership lost, or released after a stop. */
  onStoppedLeading?: () => void;
  /** Called with the holder's identity whenever a different holder is seen, this one included. */
  onNewLeader?: (identity: string) => void;
  /** Called with each attempt that failed for another reason than another candidate holding the Lease. */
  onError?: (error: KubeError) => void;
  /**
   * The registry of its metrics (`kube_leader_election_is_leader` while it
   * runs, `kube_leader_election_leading_started_total`, by `lease` and
   * `identity`); {@linkcode MetricsRegistry.default}.
   */
  metrics?: MetricsRegistry;
}

/**
 * Options of {@linkcode LeaderElector.run}.
 *
 * @example
 * ```ts
 * import type { LeaderRunOptions } from "./leader_elector.ts";
 * const stop = new AbortController();
 * Deno.addSignalListener("SIGTERM", () => stop.abort());
 * const options: LeaderRunOptions = { signal: stop.signal };
 * ```
 */
export interface LeaderRunOptions {
  /** Stops gracefully: the work's signal aborts, and once the work has settled the Lease is released. */
  signal?: AbortSignal;
}

type Attempt = "ours" | "theirs" | "failed";

const LEASE_DURATION_MS = 15_000;
const RENEW_DEADLINE_MS = 10_000;
const RETRY_PERIOD_MS = 2_000;
/** client-go spreads candidates' attempts over [retryPeriod, 2.2 × retryPeriod]. */
const JITTER_FACTOR = 1.2;

/**
 * Leader election on a coordination.k8s.io/v1 Lease. {@linkcode LeaderElector.run}
 * keeps this candidate in the election and runs the work while it leads.
 *
 * Every write carries the Lease's resourceVersion, so of two candidates
 * writing at once one gets a 409 Conflict and loses: two can never both
 * hold it. Remote clocks are never trusted: a candidate takes over only
 * once `leaseDurationSeconds` have passed, by its own clock, since it last
 * saw the Lease's record change (client-go's rule), and a leader that
 * cannot renew gives up after `renewDeadlineMs`, which is shorter. A
 * leader that sees another holder in the Lease gives up at once.
 *
 * @example
 * ```ts ignore
 * import { Client, LeaderElector } from "../../mod.ts";
 * const client = await Client.load();
 * const elector = new LeaderElector(client, { name: "my-operator", namespace: "operators" });
 * const stop = new AbortController();
 * Deno.addSignalListener("SIGINT", () => stop.abort());
 * await elector.run(async (signal) => {
 *   console.log(`leading as ${elector.identity}`);
 *   while (!signal.aborted) await new Promise((r) => setTimeout(r, 1_000));
 * }, { signal: stop.signal });
 * ```
 */
export class LeaderElector {
  #leases: Api<Lease>;
  #name: string;
  #identity: string;
  #leaseDurationMs: number;
  #renewDeadlineMs: number;
  #retryPeriodMs: number;
  /** A candidate's wait between tries: the retry period plus up to 120 % jitter, as client-go's. */
  #retryJitter: Backoff;
  #clock: Clock;
  #options: LeaderElectorOptions;
  /** The Lease as last read or written, for its resourceVersion. */
  #lease: Lease | undefined;
  /** The Lease's record when last seen to change, and when that was, by the local clock. */
  #observedRecord = "";
  #observedAt = 0;
  #observedHolder = "";
  #reportedLeader = "";
  #leading = false;
  #running = false;
  #metrics: MetricsRegistry;

  /**
   * Creates a LeaderElector; nothing happens until {@linkcode LeaderElector.run}.
   *
   * @param client The client to write the Lease through.
   * @param options The Lease's name and namespace, identity, timings, clock and callbacks.
   * @throws {KubeError} When the timings break `leaseDurationMs > renewDeadlineMs > 1.2 × retryPeriodMs`.
   */
  constructor(client: Client, options: LeaderElectorOptions) {
    const leaseDurationMs = options.leaseDurationMs ?? LEASE_DURATION_MS;
    const renewDeadlineMs = options.renewDeadlineMs ?? RENEW_DEADLINE_MS;
    const retryPeriodMs = options.retryPeriodMs ?? RETRY_PERIOD_MS;
    validateTimings(leaseDurationMs, renewDeadlineMs, retryPeriodMs);
    if (!options.name) throw new KubeError("LeaderElector: the Lease needs a name");
    this.#leases = Api.v1Lease(client).within(options.namespace ?? client.namespace);
    this.#name = options.name;
    this.#identity = options.identity ?? defaultIdentity();
    this.#leaseDurationMs = leaseDurationMs;
    this.#renewDeadlineMs = renewDeadlineMs;
    this.#retryPeriodMs = retryPeriodMs;
    this.#retryJitter = new Backoff({
      initialMs: retryPeriodMs,
      maxMs: retryPeriodMs,
      factor: 1,
      jitter: JITTER_FACTOR,
    });
    this.#clock = options.clock ?? realClock;
    this.#options = options;
    this.#metrics = options.metrics ?? MetricsRegistry.default;
  }

  /** This candidate's identity, as written into `holderIdentity`. */
  get identity(): string {
    return this.#identity;
  }

  /**
   * True while this candidate leads: from acquiring the Lease until
   * leadership is lost or, after a graceful stop, the work has settled.
   */
  get isLeader(): boolean {
    return this.#leading;
  }

  /** The holder last seen in the Lease, this candidate included; `undefined` when none. */
  get leader(): string | undefined {
    return this.#observedHolder || undefined;
  }

  /**
   * Takes part in the election until `options.signal` aborts: tries to
   * acquire the Lease every `retryPeriodMs` (with jitter), and while this
   * candidate leads, renews it every `retryPeriodMs` and runs `fn`.
   *
   * `fn`'s signal aborts as soon as leadership is lost (renewal failed for
   * `renewDeadlineMs`, or another holder was seen): stop at once, as
   * another candidate may lead soon. Once `fn` has settled, the candidate
   * contends again. A graceful stop (`options.signal`) also aborts `fn`'s
   * signal, but the Lease is renewed until `fn` has settled and then
   * released, so that a successor takes over at once.
   *
   * @param fn The work to do while leading; it must settle once its signal aborts.
   * @param options The signal that stops the run.
   * @returns Resolves when the run stopped, the Lease released: after
   * `options.signal` aborted, or after `fn` returned by itself while leading.
   * @throws When `fn` throws (other than with its signal's reason), after the Lease is released.
   *
   * @example
   * ```ts ignore
   * await elector.run((signal) => controller.run(reconcile, { signal }), { signal: stop.signal });
   * ```
   */
  async run(
    fn: (signal: AbortSignal) => unknown,
    options: LeaderRunOptions = {},
  ): Promise<void> {
    if (this.#running) throw new KubeError(`LeaderElector ${this.#describe()}: already running`);
    using _leading = this.#metrics.gauge(
      "kube_leader_election_is_leader",
      "1 while this candidate leads, 0 while it waits; present while it takes part.",
    ).track(this.#metricLabels(), () => this.#leading ? 1 : 0);
    this.#running = true;
    const { signal } = options;
    try {
      while (!signal?.aborted) {
        const acquiredAt = await this.#acquire(signal);
        if (acquiredAt === undefined) return;
        const term = await this.#lead(fn, signal, acquiredAt);
        if (term.ended) {
          if (term.error) throw term.error.value;
          return;
        }
      }
    } finally {
      this.#running = false;
    }
  }

  /**
   * Tries until the Lease is ours, and returns when the winning attempt
   * started; `undefined` once the signal aborts.
   */
  async #acquire(signal: AbortSignal | undefined): Promise<number | undefined> {
    while (true) {
      const startedAt = this.#clock.now();
      // Not aborted by the signal: a write cut short may still land, and
      // then the Lease would be held without anyone knowing to release it.
      const attempt = await this.#attempt(startedAt + this.#renewDeadlineMs);
      if (attempt === "ours") {
        if (!signal?.aborted) return startedAt;
        await this.#release();
        return undefined;
      }
      try {
        await this.#clock.sleep(this.#retryJitter.next(), signal);
      } catch {
        return undefined;
      }
    }
  }

  /** Leads until the work settles (ended) or leadership is lost (not ended). */
  async #lead(
    fn: (signal: AbortSignal) => unknown,
    signal: AbortSignal | undefined,
    acquiredAt: number,
  ): Promise<{ ended: boolean; error?: { value: unknown } }> {
    const work = new AbortController();
    const stopRenewing = new AbortController();
    let lost = false;
    const lose = (reason: KubeError) => {
      if (lost) return;
      lost = true;
      stopRenewing.abort();
      work.abort(reason);
      this.#setLeading(false);
    };
    const stop = () => work.abort(signal?.reason);
    signal?.addEventListener("abort", stop, { once: true });
    this.#setLeading(true);
    if (signal?.aborted) stop();

    let error: { value: unknown } | undefined;
    const done = (async () => await fn(work.signal))().then(
      () => {},
      (e) => {
        const stopped = work.signal.aborted &&
          (e === work.signal.reason || (e instanceof DOMException && e.name === "AbortError"));
        if (!stopped) error = { value: e };
      },
    ).finally(() => stopRenewing.abort());
    try {
      await this.#keepRenewing(acquiredAt, stopRenewing.signal, lose);
      await done;
    } finally {
      signal?.removeEventListener("abort", stop);
    }
    if (!lost) {
      // The work is over: no longer leading, whatever becomes of the release.
      this.#setLeading(false);
      await this.#release();
      return { ended: true, error };
    }
    return { ended: error !== undefined || !!signal?.aborted, error };
  }

  /**
   * Renews every `retryPeriodMs` until `stop` aborts, calling `lose` when
   * another holder is seen or when renewals have failed for
   * `renewDeadlineMs`. The deadline is a timer of its own, so leadership
   * ends on time even while a request hangs.
   */
  async #keepRenewing(
    acquiredAt: number,
    stop: AbortSignal,
    lose: (reason: KubeError) => void,
  ): Promise<void> {
    // Measured from when the winning write started: others measure from
    // when they saw it land, which is later.
    let renewedAt = acquiredAt;
    let deadman = this.#deadman(renewedAt, lose);
    try {
      while (!stop.aborted) {
        try {
          await this.#clock.sleep(this.#retryPeriodMs, stop);
        } catch {
          return;
        }
        const startedAt = this.#clock.now();
        const attempt = await this.#attempt(renewedAt + this.#renewDeadlineMs);
        if (stop.aborted) return;
        if (attempt === "theirs") {
          lose(
            new KubeError(
              `LeaderElector ${this.#describe()}: ${this.#observedHolder} holds the Lease now`,
            ),
          );
        } else if (attempt === "ours") {
          renewedAt = startedAt;
          deadman[Symbol.dispose]();
          deadman = this.#deadman(renewedAt, lose);
        }
      }
    } finally {
      deadman[Symbol.dispose]();
    }
  }

  /** A timer that calls `lose` `renewDeadlineMs` after `renewedAt`. */
  #deadman(renewedAt: number, lose: (reason: KubeError) => void): Disposable {
    const reason = new KubeError(
      `LeaderElector ${this.#describe()}: could not renew the Lease for ${this.#renewDeadlineMs} ms`,
    );
    return afterMs(
      this.#clock,
      renewedAt + this.#renewDeadlineMs - this.#clock.now(),
      () => lose(reason),
    );
  }

  /**
   * One try at acquiring or renewing, given up at `deadlineAt`: "ours"
   * when this candidate holds the Lease after it, "theirs" when another
   * holder's claim is still valid, "failed" otherwise (including a lost
   * race: a 409).
   */
  async #attempt(deadlineAt: number): Promise<Attempt> {
    const timeout = new AbortController();
    using _ = afterMs(this.#clock, deadlineAt - this.#clock.now(), () =>
      timeout.abort(
        new KubeError(`LeaderElector ${this.#describe()}: the attempt ran past its deadline`),
      ));
    const { signal } = timeout;
    try {
      // The leader writes over the Lease it last wrote, saving a read; a 409
      // means someone else wrote since, and the slow path finds out who.
      if (this.#leading && this.#lease?.spec?.holderIdentity === this.#identity) {
        try {
          this.#wrote(
            await this.#leases.replace(this.#name, renewedLease(this.#lease, this.#holder()), {
              signal,
            }),
          );
          return "ours";
        } catch (e) {
          if (!isConflict(e)) throw e;
        }
      }
      let current: Lease;
      try {
        current = await this.#leases.get(this.#name, { signal });
      } catch (e) {
        if (!isNotFound(e)) throw e;
        this.#wrote(
          await this.#leases.create(createdLease(this.#name, this.#holder()), { signal }),
        );
        return "ours";
      }
      this.#observe(current);
      const holder = current.spec?.holderIdentity;
      if (holder && holder !== this.#identity && !this.#expired(current)) return "theirs";
      const next = holder === this.#identity
        ? renewedLease(current, this.#holder())
        : takenOverLease(current, this.#holder());
      this.#wrote(await this.#leases.replace(this.#name, next, { signal }));
      return "ours";
    } catch (e) {
      const error = e instanceof KubeError ? e : new KubeError(
        `LeaderElector ${this.#describe()}: ${e instanceof Error ? e.message : String(e)}`,
        { cause: e },
      );
      // A 409 (a write that lost to another's, or a create that found the
      // Lease made meanwhile) is a lost race, part of the election: not worth reporting.
      if (!isConflict(error) && !isAlreadyExists(error)) this.#report(error);
      return "failed";
    }
  }

  /**
   * Hands the Lease over at once, as client-go's ReleaseOnCancel does: no
   * holder, and a duration of 1 s for candidates that do not check the
   * holder. A 409 means a renewal landed meanwhile: read and try again,
   * unless someone else holds it now.
   */
  async #release(): Promise<void> {
    const timeout = new AbortController();
    using _ = afterMs(this.#clock, this.#renewDeadlineMs, () =>
      timeout.abort(
        new KubeError(`LeaderElector ${this.#describe()}: releasing ran past its deadline`),
      ));
    const { signal } = timeout;
    let lease = this.#lease;
    try {
      while (lease?.spec?.holderIdentity === this.#identity) {
        const released = releasedLease(lease, microTime(this.#clock.now()));
        try {
          this.#wrote(await this.#leases.replace(this.#name, released, { signal }));
          return;
        } catch (e) {
          if (!isConflict(e)) throw e;
          lease = await this.#leases.get(this.#name, { signal });
          this.#observe(lease);
        }
      }
    } catch (e) {
      if (e instanceof KubeError) this.#report(e);
    }
  }

  /** Who writes the Lease now: this identity, its claim's length, and the time. */
  #holder(): LeaseHolder {
    return {
      identity: this.#identity,
      leaseDurationSeconds: this.#leaseDurationMs / 1000,
      now: microTime(this.#clock.now()),
    };
  }

  #wrote(lease: Lease): void {
    this.#lease = lease;
    this.#observe(lease);
  }

  /**
   * Notes the Lease's record; a changed record restarts the expiry, by the
   * local clock. The record, not the resourceVersion: a label changed on
   * the Lease does not renew anyone's claim.
   */
  #observe(lease: Lease): void {
    this.#lease = lease;
    const record = recordOf(lease.spec);
    if (record !== this.#observedRecord) {
      this.#observedRecord = record;
      this.#observedAt = this.#clock.now();
    }
    this.#observedHolder = lease.spec?.holderIdentity ?? "";
    if (this.#observedHolder && this.#observedHolder !== this.#reportedLeader) {
      this.#reportedLeader = this.#observedHolder;
      this.#call(() => this.#options.onNewLeader?.(this.#observedHolder));
    }
  }

  #expired(lease: Lease): boolean {
    const seconds = lease.spec?.leaseDurationSeconds ?? this.#leaseDurationMs / 1000;
    return this.#observedAt + seconds * 1000 <= this.#clock.now();
  }

  #setLeading(leading: boolean): void {
    if (this.#leading === leading) return;
    this.#leading = leading;
    if (leading) {
      this.#metrics.counter(
        "kube_leader_election_leading_started_total",
        "Times this candidate acquired the Lease and started leading.",
      ).inc(this.#metricLabels());
    }
    this.#call(leading ? this.#options.onStartedLeading : this.#options.onStoppedLeading);
  }

  /** Calls a callback; one that throws must not break the election. */
  #call(callback: (() => void) | undefined): void {
    try {
      callback?.();
    } catch (e) {
      this.#report(
        new KubeError(`LeaderElector ${this.#describe()}: a callback threw: ${e}`, { cause: e }),
      );
    }
  }

  #report(error: KubeError): void {
    try {
      this.#options.onError?.(error);
    } catch {
      // An error handler that throws has nobody left to tell.
    }
  }

  #metricLabels(): { lease: string; identity: string } {
    return { lease: `${this.#leases.namespace}/${this.#name}`, identity: this.#identity };
  }

  #describe(): string {
    return `${this.#leases.namespace}/${this.#name} (${this.#identity})`;
  }
}

function validateTimings(leaseDurationMs: number, renewDeadlineMs: number, retryPeriodMs: number) {
  const problem = !(retryPeriodMs > 0)
    ? "retryPeriodMs must be positive"
    : !(renewDeadlineMs > JITTER_FACTOR * retryPeriodMs)
    ? `renewDeadlineMs (${renewDeadlineMs}) must be greater than 1.2 × retryPeriodMs (${retryPeriodMs})`
    : !(leaseDurationMs > renewDeadlineMs)
    ? `leaseDurationMs (${leaseDurationMs}) must be greater than renewDeadlineMs (${renewDeadlineMs})`
    : leaseDurationMs % 1000 !== 0
    ? `leaseDurationMs (${leaseDurationMs}) must be a whole number of seconds, as the Lease records it`
    : undefined;
  if (problem) throw new KubeError(`LeaderElector: ${problem}`);
}

/**
 * The hostname (the pod's name, in a pod) and a random suffix, as client-go
 * does. Only what the permissions already allow is read: asking would
 * prompt on a terminal.
 */
function defaultIdentity(): string {
  let host = "";
  try {
    if (Deno.permissions.querySync({ name: "env", variable: "HOSTNAME" }).state === "granted") {
      host = Deno.env.get("HOSTNAME") ?? "";
    }
    if (
      !host && Deno.permissions.querySync({ name: "sys", kind: "hostname" }).state === "granted"
    ) {
      host = Deno.hostname();
    }
  } catch {
    // Not on Deno, or no hostname to be had: the random part alone is unique.
  }
  return `${host || "candidate"}_${crypto.randomUUID()}`;
}
