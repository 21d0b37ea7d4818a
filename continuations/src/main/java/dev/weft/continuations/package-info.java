/**
 * The continuation model of stack switching (WasmFX), without opcodes or frame layouts.
 *
 * <p>{@link dev.weft.continuations.Continuations} performs every operation
 * ({@code create}, {@code bind}, {@code resume}, {@code resumeThrow}, {@code suspend},
 * {@code switchTo}, {@code returned}, {@code thrown}, {@code abandon}) on chains of
 * {@link dev.weft.continuations.ContStack}s and returns the stack to run next. One-shot
 * {@link dev.weft.continuations.ContRef}s own suspended segments; handlers are
 * {@link dev.weft.continuations.HandlerTable}s matched by tag identity; stacks come from a
 * {@link dev.weft.continuations.StackSource} (pooled or heap). Traps are
 * {@link dev.weft.continuations.ContinuationException}s; a suspension without a handler is an
 * {@link dev.weft.continuations.Unhandled} outcome. See the module README for the invariants.
 */
package dev.weft.continuations;
