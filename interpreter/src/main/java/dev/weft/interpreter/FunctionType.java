package dev.weft.interpreter;

import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.ValType;
import java.util.List;
import java.util.Objects;

/**
 * Shortcuts for function types: {@code FunctionType.of(I32, I32).returning(I64)} is
 * {@code new CompositeType.Func(List.of(I32, I32), List.of(I64))}, and
 * {@code FunctionType.of(I32).returning()} a function with no results.
 */
public final class FunctionType {
    private FunctionType() {}

    /** The parameters of a function type; {@link Params#returning} completes it. */
    public record Params(List<ValType> types) {
        public Params {
            types = List.copyOf(types);
        }

        /** The function type with these parameters and {@code results}. */
        public CompositeType.Func returning(ValType... results) {
            return new CompositeType.Func(types, checked(results, "results"));
        }
    }

    /** Parameters {@code params} (none for a function without parameters). */
    public static Params of(ValType... params) {
        return new Params(checked(params, "params"));
    }

    private static List<ValType> checked(ValType[] types, String name) {
        Objects.requireNonNull(types, name);
        for (int i = 0; i < types.length; i++) {
            Objects.requireNonNull(types[i], name + "[" + i + "]");
        }
        return List.of(types);
    }
}
