package dev.weft.continuations;

/**
 * A handled {@code suspend}: run {@link #handler()} again. It is back at the {@code resume}
 * whose clause matched; push the payload, then {@link #continuation()}, and branch to the
 * clause's label.
 *
 * @param handler      the stack that ran the handling {@code resume}, now {@link StackState#RUNNING}
 * @param clause       the matching {@link HandlerKind#SUSPEND} clause (its label is the branch target)
 * @param continuation the new reference owning the cut segment
 */
public record Suspended(ContStack handler, HandlerClause clause, ContRef continuation) implements SuspendOutcome {}
