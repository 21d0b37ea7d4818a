package dev.weft.continuations;

/**
 * A handled {@code switch}: run {@code target.stack()} as described by {@link Resumption},
 * passing the switch's own arguments followed by {@link #switcher()}.
 *
 * @param target   the switch target, now running under the same parent and handlers
 * @param clause   the matching {@link HandlerKind#SWITCH} clause
 * @param switcher the new reference owning the segment that executed the {@code switch}
 */
public record Switched(Resumption target, HandlerClause clause, ContRef switcher) implements SwitchOutcome {}
