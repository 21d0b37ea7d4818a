package dev.weft.interpreter.ast;

import java.util.List;

/** A recursion group; a type definition outside {@code rec} is a group of one. */
public record RecType(List<SubType> types) {
    public RecType {
        types = List.copyOf(types);
    }
}
