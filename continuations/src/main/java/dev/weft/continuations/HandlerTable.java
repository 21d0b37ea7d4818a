package dev.weft.continuations;

import java.util.ArrayList;
import java.util.List;

/**
 * The handler clauses of one {@code resume}, {@code resume_throw} or {@code resume_throw_ref},
 * in source order. Immutable; the interpreter builds one per instruction when it lowers code,
 * resolving clause tags to tag instances, and hands the same table to every execution.
 *
 * <p>{@link #find} returns the first clause of the requested kind whose tag is the identical
 * object, so duplicate tags are allowed and the first wins; clauses of the other kind are
 * passed over even when the tag matches.
 */
public final class HandlerTable {
    /** A table without clauses: a {@code resume} with no handlers. */
    public static final HandlerTable EMPTY = new HandlerTable(new HandlerClause[0]);

    private final HandlerClause[] clauses;

    private HandlerTable(HandlerClause[] clauses) {
        this.clauses = clauses;
    }

    /** A table holding {@code clauses} in order. */
    public static HandlerTable of(HandlerClause... clauses) {
        return clauses.length == 0 ? EMPTY : new HandlerTable(clauses.clone());
    }

    /** A builder that appends clauses in order. */
    public static Builder builder() {
        return new Builder();
    }

    /** The first clause of {@code kind} for the identical {@code tag}, or null. */
    public HandlerClause find(Object tag, HandlerKind kind) {
        for (HandlerClause clause : clauses) {
            if (clause.tag() == tag && clause.kind() == kind) {
                return clause;
            }
        }
        return null;
    }

    /** The number of clauses. */
    public int size() {
        return clauses.length;
    }

    /** The clause at {@code index}, in source order. */
    public HandlerClause clause(int index) {
        return clauses[index];
    }

    @Override
    public String toString() {
        return "HandlerTable" + List.of(clauses);
    }

    /** Collects clauses for {@link HandlerTable}. */
    public static final class Builder {
        private final List<HandlerClause> clauses = new ArrayList<>();

        private Builder() {
        }

        /** Appends {@code (on tag label)}. */
        public Builder onSuspend(Object tag, int label) {
            clauses.add(new HandlerClause(tag, HandlerKind.SUSPEND, label));
            return this;
        }

        /** Appends {@code (on tag switch)}. */
        public Builder onSwitch(Object tag) {
            clauses.add(new HandlerClause(tag, HandlerKind.SWITCH, -1));
            return this;
        }

        /** The table of the clauses appended so far. */
        public HandlerTable build() {
            return of(clauses.toArray(HandlerClause[]::new));
        }
    }
}
