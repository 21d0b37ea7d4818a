package dev.weft.interpreter.ast;

import java.util.List;

/**
 * An element segment: its reference type, one constant expression per item (function-index
 * forms are turned into {@code ref.func} expressions), and its mode.
 */
public record ElementSegment(RefType type, List<Expression> items, Mode mode) {
    public ElementSegment {
        items = List.copyOf(items);
    }

    /** How the segment is used. */
    public sealed interface Mode permits Passive, Declarative, Active {}

    public record Passive() implements Mode {}

    public record Declarative() implements Mode {}

    public record Active(int table, Expression offset) implements Mode {}
}
