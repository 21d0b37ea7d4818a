package dev.weft.continuations;

import java.util.Objects;

/**
 * One clause of a {@link HandlerTable}.
 *
 * @param tag   the tag instance; matched by identity only, never by type or {@code equals}
 * @param kind  which event the clause handles
 * @param label the interpreter's branch target for a {@link HandlerKind#SUSPEND} clause
 *              (opaque here); {@code -1} for a {@link HandlerKind#SWITCH} clause
 */
public record HandlerClause(Object tag, HandlerKind kind, int label) {
    /** Checks that the tag is present and that only suspend clauses carry a label. */
    public HandlerClause {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(kind, "kind");
        if (kind == HandlerKind.SWITCH && label != -1) {
            throw new IllegalArgumentException("a switch clause has no label, got " + label);
        }
        if (kind == HandlerKind.SUSPEND && label < 0) {
            throw new IllegalArgumentException("a suspend clause needs a label >= 0, got " + label);
        }
    }

    /** True when this clause handles events of {@code wanted} kind raised with exactly {@code wanted} tag. */
    public boolean handles(Object wantedTag, HandlerKind wantedKind) {
        return tag == wantedTag && kind == wantedKind;
    }
}
