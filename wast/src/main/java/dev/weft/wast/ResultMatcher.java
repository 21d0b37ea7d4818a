package dev.weft.wast;

import dev.weft.interpreter.Value;
import dev.weft.interpreter.WasmFunction;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.exec.gc.ArrayObject;
import dev.weft.interpreter.exec.gc.GcObject;
import dev.weft.interpreter.exec.gc.I31Ref;
import dev.weft.interpreter.exec.gc.StructObject;
import dev.weft.wast.WastPattern.RefKind;

/** Decides whether a result value matches an {@code assert_return} pattern. */
final class ResultMatcher {
    private static final int F32_QUIET = 0x0040_0000;
    private static final int F32_EXP = 0x7F80_0000;
    private static final long F64_QUIET = 0x0008_0000_0000_0000L;
    private static final long F64_EXP = 0x7FF0_0000_0000_0000L;

    private ResultMatcher() {}

    static boolean matches(WastPattern pattern, Value v) {
        return switch (pattern) {
            case WastPattern.Exact e -> matchesExact(e.value(), v);
            case WastPattern.Nan n -> matchesNan(n, v);
            case WastPattern.Ref r -> matchesRef(r.kind(), v);
            case WastPattern.Either e -> e.alternatives().stream().anyMatch(p -> matches(p, v));
            case WastPattern.V128 x -> V128Lanes.matches(x.shape(), x.lanes(), v);
        };
    }

    private static boolean matchesExact(WastValue expected, Value v) {
        return switch (expected) {
            case WastValue.I32 i -> v.type() == NumType.I32 && v.asInt() == i.value();
            case WastValue.I64 i -> v.type() == NumType.I64 && v.asLong() == i.value();
            case WastValue.F32 f -> v.type() == NumType.F32 && (int) v.bits() == f.bits();
            case WastValue.F64 f -> v.type() == NumType.F64 && v.bits() == f.bits();
            case WastValue.RefNull n -> v.type().isRef() && v.ref() == null;
            case WastValue.RefExtern x -> new HostRef(x.id()).equals(v.ref());
            case WastValue.RefHost x -> new HostRef(x.id()).equals(v.ref());
            case WastValue.V128 x -> V128Lanes.matches(x.shape(), x.lanes(), v);
        };
    }

    private static boolean matchesNan(WastPattern.Nan n, Value v) {
        if (n.type() == NumType.F32 && v.type() == NumType.F32) {
            int bits = (int) v.bits();
            int mask = n.canonical() ? 0x7FFF_FFFF : F32_EXP | F32_QUIET;
            return (bits & mask) == (F32_EXP | F32_QUIET);
        }
        if (n.type() == NumType.F64 && v.type() == NumType.F64) {
            long bits = v.bits();
            long mask = n.canonical() ? 0x7FFF_FFFF_FFFF_FFFFL : F64_EXP | F64_QUIET;
            return (bits & mask) == (F64_EXP | F64_QUIET);
        }
        return false;
    }

    private static boolean matchesRef(RefKind kind, Value v) {
        if (!v.type().isRef()) {
            return false;
        }
        Object r = v.ref();
        return switch (kind) {
            case NULL -> r == null;
            case ANY_NON_NULL -> r != null;
            case FUNC -> r instanceof WasmFunction;
            case HOST -> r instanceof HostRef;
            // an externalised internal reference (i31, struct, array) is an extern reference too
            case EXTERN, ANY -> r != null && !(r instanceof WasmFunction);
            case I31 -> r instanceof I31Ref;
            case EQ -> r instanceof I31Ref || r instanceof GcObject;
            case STRUCT -> r instanceof StructObject;
            case ARRAY -> r instanceof ArrayObject;
            default -> false;
        };
    }

    /** How a value is shown in a failure message. */
    static String show(Value v) {
        return v.toString();
    }
}
