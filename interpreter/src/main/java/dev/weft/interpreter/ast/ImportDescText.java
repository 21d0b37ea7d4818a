package dev.weft.interpreter.ast;

import java.util.List;
import java.util.function.IntFunction;

/**
 * An import's expected type in the text format, for error messages: {@code (func (param i32))},
 * {@code (memory 1 2)}, {@code (table 0 funcref)}, {@code (global (mut i64))}, {@code (tag (param i32))}.
 */
public final class ImportDescText {
    private ImportDescText() {}

    /** {@code desc} as text; {@code types} gives the module's type at an index. */
    public static String of(ImportDesc desc, IntFunction<CompositeType> types) {
        return switch (desc) {
            case ImportDesc.Func f -> "(func" + signature(types.apply(f.typeIndex())) + ")";
            case ImportDesc.Table t -> "(table" + limits(t.type().limits()) + " " + t.type().elementType() + ")";
            case ImportDesc.Memory m -> "(memory" + limits(m.type().limits()) + ")";
            case ImportDesc.Global g -> "(global " + (g.type().mutable() ? "(mut " + g.type().type() + ")" : g.type().type()) + ")";
            case ImportDesc.Tag t -> "(tag" + signature(types.apply(t.type().typeIndex())) + ")";
        };
    }

    private static String signature(CompositeType type) {
        if (!(type instanceof CompositeType.Func f)) {
            return " " + type;
        }
        return list(" (param", f.params()) + list(" (result", f.results());
    }

    private static String list(String open, List<ValType> types) {
        if (types.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder(open);
        types.forEach(t -> b.append(' ').append(t));
        return b.append(')').toString();
    }

    private static String limits(Limits l) {
        return (l.is64() ? " i64" : "") + " " + Long.toUnsignedString(l.min())
                + (l.hasMax() ? " " + Long.toUnsignedString(l.max()) : "") + (l.shared() ? " shared" : "");
    }
}
