package dev.weft.interpreter.exec;

import dev.weft.interpreter.Extern;
import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.GlobalType;
import dev.weft.interpreter.ast.ImportDesc;
import dev.weft.interpreter.ast.Limits;
import dev.weft.interpreter.exec.memory.MemoryInstance;
import java.util.function.IntFunction;

/**
 * Import matching: functions by canonical type id or a declared subtype of it, tags by
 * canonical type id, tables and memories by element type, address type and limits subtyping,
 * globals by type and mutability.
 */
final class ImportMatcher {
    private ImportMatcher() {}

    static boolean matches(ImportDesc desc, Extern e, IntFunction<CompositeType.Func> types, int[] canonical) {
        return switch (desc) {
            case ImportDesc.Func f -> e instanceof FunctionInstance fi
                    && fi.matches(canonical[f.typeIndex()], types.apply(f.typeIndex()));
            case ImportDesc.Table t -> e instanceof TableInstance ti
                    && ti.type().elementType().equals(RuntimeTypes.canonical(t.type().elementType(), canonical))
                    && ti.is64() == t.type().limits().is64()
                    && limits(ti.size(), ti.type().limits(), t.type().limits());
            case ImportDesc.Memory mem -> e instanceof MemoryInstance mi
                    && mi.is64() == mem.type().limits().is64()
                    && limits(mi.pages(), mi.type().limits(), mem.type().limits());
            case ImportDesc.Global g -> e instanceof GlobalInstance gi
                    && global(gi.type(), RuntimeTypes.canonical(g.type(), canonical));
            case ImportDesc.Tag t -> e instanceof TagInstance ti && ti.typeId == canonical[t.type().typeIndex()];
        };
    }

    /** Mutable globals match invariantly, immutable ones covariantly. */
    private static boolean global(GlobalType actual, GlobalType expected) {
        if (actual.mutable() != expected.mutable()) {
            return false;
        }
        return actual.mutable()
                ? actual.type().equals(expected.type())
                : RuntimeTypes.isSubtype(actual.type(), expected.type());
    }

    private static boolean limits(long size, Limits actual, Limits expected) {
        if (Long.compareUnsigned(size, expected.min()) < 0) {
            return false;
        }
        if (!expected.hasMax()) {
            return true;
        }
        return actual.hasMax() && !Limits.above(actual.max(), expected.max());
    }
}
