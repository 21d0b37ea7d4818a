/**
 * Not API. The libc downcalls ({@link dev.weft.stackpool.internal.NativeMmap}, the only user of
 * restricted FFM methods in Weft), the lock-free free list
 * ({@link dev.weft.stackpool.internal.IndexStack}) and one reservation of guarded slots
 * ({@link dev.weft.stackpool.internal.SlotRegion}).
 */
package dev.weft.stackpool.internal;
