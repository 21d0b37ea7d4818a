package dev.weft.continuations;

/** The result of {@link Continuations#suspend}: {@link Suspended} or {@link Unhandled}. */
public sealed interface SuspendOutcome permits Suspended, Unhandled {}
