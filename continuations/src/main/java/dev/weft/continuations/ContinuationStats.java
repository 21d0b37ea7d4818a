package dev.weft.continuations;

import dev.weft.stackpool.PoolStats;

/**
 * A snapshot of the counters of one {@link Continuations}.
 *
 * @param created   continuations made by {@code cont.new}
 * @param resumed   resume, resume_throw and resume_throw_ref
 * @param suspended handled suspensions
 * @param switched  handled switches
 * @param bound     {@code cont.bind}s
 * @param completed stacks whose bottom frame returned
 * @param abandoned stacks destroyed by an exception, a trap or an explicit discard
 * @param reclaimed stacks of unreachable suspended (or never-run) continuations that the source's Cleaner gave back
 * @param roots     barrier stacks entered (embedder calls and host re-entries)
 * @param pool      the stack source's counters
 */
public record ContinuationStats(long created, long resumed, long suspended, long switched, long bound,
                                long completed, long abandoned, long reclaimed, long roots, PoolStats pool) {}
