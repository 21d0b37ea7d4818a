package dev.weft.continuations;

/**
 * The life cycle of one {@link ContStack}.
 *
 * <pre>
 *            resume                 resume (child)
 *   FRESH ───────────> RUNNING ──────────────────> ACTIVE_PARENT
 *                       │  ^  &lt;──────────────────   (child returned, threw,
 *        suspend/switch │  │ resume                  or was cut off by a suspend/switch)
 *                       v  │
 *                     SUSPENDED
 *   RUNNING ── bottom frame returns ──> RETURNED   (stack released)
 *   any     ── exception / trap / dropped ──> DEAD  (stack released)
 * </pre>
 *
 * <p>In a suspended segment of several stacks only the top is {@link #SUSPENDED}; the others
 * stay {@link #ACTIVE_PARENT}, since each still waits for its child inside the segment.
 */
public enum StackState {
    /** Created by {@code cont.new}, never run. */
    FRESH,
    /** The stack the dispatch loop runs: the innermost stack of an active chain. */
    RUNNING,
    /** Blocked at a {@code resume} (or below a {@code switch} handler) while a child runs. */
    ACTIVE_PARENT,
    /** The top of a suspended segment owned by a live {@link ContRef}. */
    SUSPENDED,
    /** Its bottom frame returned; the stack went back to its source. */
    RETURNED,
    /** An exception left it, a trap abandoned it, or it was dropped unfinished. */
    DEAD
}
