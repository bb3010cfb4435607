/**
 * Rate limits. Token buckets per connection (messages and bytes), and per-IP sliding counters for the
 * REST endpoints that create state (workshops, participants). Time is passed in so tests need no sleeps.
 */

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    /** Tokens added per second. */
    private readonly rate: number,
    /** Most tokens held: the burst allowed after a quiet spell. */
    private readonly burst: number,
    now = Date.now(),
  ) {
    this.tokens = burst;
    this.last = now;
  }

  /** Takes `amount` tokens; false (and nothing taken) when there are not enough. */
  take(amount = 1, now = Date.now()): boolean {
    const elapsed = Math.max(0, now - this.last) / 1000;
    this.last = now;
    this.tokens = Math.min(this.burst, this.tokens + elapsed * this.rate);
    if (this.tokens < amount) return false;
    this.tokens -= amount;
    return true;
  }
}

export interface ConnectionLimits {
  /** Messages per second, sustained, and the burst; 0 turns the limit off. */
  messagesPerSecond: number;
  messageBurst: number;
  /** Bytes per second, sustained, and the burst; 0 turns the limit off. */
  bytesPerSecond: number;
  byteBurst: number;
}

/** The two buckets of one connection; `check` says why a message is over the limit, or null. */
export function connectionLimiter(limits: ConnectionLimits): (bytes: number) => string | null {
  const messages =
    limits.messagesPerSecond > 0 ? new TokenBucket(limits.messagesPerSecond, limits.messageBurst) : null;
  const bytes = limits.bytesPerSecond > 0 ? new TokenBucket(limits.bytesPerSecond, limits.byteBurst) : null;
  return (size) => {
    const now = Date.now();
    if (messages && !messages.take(1, now))
      return `rate limit: more than ${limits.messagesPerSecond} messages/s (burst ${limits.messageBurst})`;
    // A single message larger than the whole burst can never pass; maxPayload bounds it anyway.
    if (bytes && !bytes.take(Math.min(size, limits.byteBurst), now))
      return `rate limit: more than ${limits.bytesPerSecond} bytes/s (burst ${limits.byteBurst})`;
    return null;
  };
}

/**
 * At most `limit` events per key in any `windowMs`: a token bucket per key that refills continuously.
 * Idle keys are swept so a scan of many addresses cannot grow the map without bound.
 */
export class KeyedRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; last: number }>();
  private lastSweep = 0;

  constructor(
    readonly limit: number,
    readonly windowMs = 60_000,
  ) {}

  /** null when allowed; otherwise the seconds until one more event is allowed (for Retry-After). */
  hit(key: string, now = Date.now()): number | null {
    if (this.limit <= 0) return null;
    this.sweep(now);
    const perMs = this.limit / this.windowMs;
    const bucket = this.buckets.get(key) ?? { tokens: this.limit, last: now };
    bucket.tokens = Math.min(this.limit, bucket.tokens + (now - bucket.last) * perMs);
    bucket.last = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return null;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets)
      if (now - bucket.last >= this.windowMs) this.buckets.delete(key);
  }
}
