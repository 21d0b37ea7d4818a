package dev.weft.interpreter.ast;

import java.util.List;

/**
 * A defined type with its declared supertypes (type indices) and finality. A plain
 * {@code (type (func ...))} is a final subtype with no supertypes.
 */
public record SubType(boolean isFinal, List<Integer> supertypes, CompositeType composite) {
    public SubType {
        supertypes = List.copyOf(supertypes);
    }

    /** A final type without supertypes, as written without {@code sub}. */
    public static SubType plain(CompositeType composite) {
        return new SubType(true, List.of(), composite);
    }
}
