package dev.weft.stackpool;

/**
 * A snapshot of a pool's counters. Counters are read one after another without a lock, so
 * under concurrent use they may be off by the operations in flight; when the pool is quiet
 * {@code acquired - released == inUse}.
 *
 * @param acquired  slots handed out since creation
 * @param released  slots given back since creation
 * @param inUse     slots currently handed out
 * @param highWater the largest {@code inUse} seen
 * @param resets    slots whose pages were returned to the OS ({@code madvise} calls)
 * @param regions   regions currently reserved (mmap'd reservations or heap batches)
 * @param slots     slots created so far (grows region by region up to the configured maximum)
 */
public record PoolStats(long acquired, long released, int inUse, int highWater, long resets, int regions,
                        int slots) {}
