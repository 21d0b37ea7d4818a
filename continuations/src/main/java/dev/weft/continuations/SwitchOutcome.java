package dev.weft.continuations;

/** The result of {@link Continuations#switchTo}: {@link Switched} or {@link Unhandled}. */
public sealed interface SwitchOutcome permits Switched, Unhandled {}
