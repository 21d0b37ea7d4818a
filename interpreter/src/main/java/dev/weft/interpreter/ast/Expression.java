package dev.weft.interpreter.ast;

import java.util.List;

/**
 * A sequence of instructions, as used for constant expressions (global initialisers, segment
 * offsets, element items, table initialisers). The terminating {@code end} is not included.
 */
public record Expression(List<Instruction> instructions) {
    public Expression {
        instructions = List.copyOf(instructions);
    }

    public static Expression of(Instruction... instructions) {
        return new Expression(List.of(instructions));
    }
}
