/**
 * Guard-paged, mmap'd slot pools: the memory behind Weft's continuation stacks
 * ({@link dev.weft.stackpool.StackPool}, {@link dev.weft.stackpool.StackSlot}) and linear
 * memories ({@link dev.weft.stackpool.MemoryPool}, {@link dev.weft.stackpool.MemorySlot}).
 *
 * <p>Configure with {@link dev.weft.stackpool.PoolConfig} or
 * {@link dev.weft.stackpool.MemoryPoolConfig}, pick a {@link dev.weft.stackpool.PoolMode}, and
 * read counters with {@link dev.weft.stackpool.PoolStats}. Exhaustion is a
 * {@link dev.weft.stackpool.PoolExhaustedException} naming the limit. Java code only ever sees
 * bounded {@link java.lang.foreign.MemorySegment}s, so a bug surfaces as an exception, never as
 * a crash. See the module's README for layouts, invariants and benchmark results.
 */
package dev.weft.stackpool;
