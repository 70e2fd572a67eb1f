/**
 * Fault injection: rules queued by tests, each consumed by the requests it matches. A fault
 * takes effect before authentication, so it fires whatever the request carries.
 */
export type Fault =
  /** Delay before the response headers; the request is then served normally. */
  | { kind: "latency"; ms: number }
  /** body: an object is sent as JSON, a string as is. */
  | { kind: "status"; status: number; body?: unknown; headers?: Record<string, string> }
  /** 200 with a JSON content type and a body that is not JSON. */
  | { kind: "malformed" }
  /** 200 and the real JSON answer cut half-way, then the socket ends. */
  | { kind: "truncated" }
  /** A proxy's HTML error page (default 502). */
  | { kind: "html"; status?: number }
  /** The socket is destroyed without a response. */
  | { kind: "reset" }
  /** No answer at all, until the simulator closes. */
  | { kind: "stall" }
  /** Headers at once, the real body after ms. */
  | { kind: "slow-body"; ms: number }
  /** Any JSON (wrong shapes, nulls...), status default 200. */
  | { kind: "json"; status?: number; body: unknown };

export interface FaultMatch {
  /** Case-insensitive HTTP method. */
  method?: string;
  /** Substring of the request target (path and query string as sent). */
  pathIncludes?: string;
}

export interface FaultRule extends FaultMatch {
  fault: Fault;
  /** How many matching requests get the fault; default 1, Infinity allowed. */
  times?: number;
}

export interface FaultController {
  add(rule: FaultRule): void;
  /** One fault per matching request, in order. */
  sequence(faults: Fault[], match?: FaultMatch): void;
  clear(): void;
  /** Fault applications still queued (the sum of remaining times; Infinity if any rule is endless). */
  readonly pending: number;
}

interface QueuedRule extends FaultMatch {
  fault: Fault;
  remaining: number;
}

export class FaultQueue implements FaultController {
  #rules: QueuedRule[] = [];

  add(rule: FaultRule): void {
    const times = rule.times ?? 1;
    if (!(times > 0) || (Number.isFinite(times) && !Number.isInteger(times))) {
      throw new RangeError(`fault times must be a positive integer or Infinity, got ${times}`);
    }
    this.#rules.push({
      fault: rule.fault,
      remaining: times,
      method: rule.method,
      pathIncludes: rule.pathIncludes,
    });
  }

  sequence(faults: Fault[], match: FaultMatch = {}): void {
    for (const fault of faults) this.add({ ...match, fault, times: 1 });
  }

  clear(): void {
    this.#rules = [];
  }

  get pending(): number {
    return this.#rules.reduce((sum, rule) => sum + rule.remaining, 0);
  }

  /** The fault for this request, if a queued rule matches; consumes one use of that rule. */
  take(method: string, target: string): Fault | undefined {
    const index = this.#rules.findIndex((rule) => matches(rule, method, target));
    const rule = this.#rules[index];
    if (rule === undefined) return undefined;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.#rules.splice(index, 1);
    return rule.fault;
  }
}

function matches(rule: FaultMatch, method: string, target: string): boolean {
  if (rule.method !== undefined && rule.method.toUpperCase() !== method.toUpperCase()) return false;
  return rule.pathIncludes === undefined || target.includes(rule.pathIncludes);
}
