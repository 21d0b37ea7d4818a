package dev.weft.wast;

import dev.weft.interpreter.Value;
import dev.weft.interpreter.ast.AbsHeapType;
import dev.weft.interpreter.ast.RefType;

/** Turns script constants into engine values. */
final class ScriptValues {
    private ScriptValues() {}

    static Value toValue(WastValue v) {
        return switch (v) {
            case WastValue.I32 i -> Value.i32(i.value());
            case WastValue.I64 i -> Value.i64(i.value());
            case WastValue.F32 f -> Value.f32Bits(f.bits());
            case WastValue.F64 f -> Value.f64Bits(f.bits());
            case WastValue.RefNull n -> Value.ref(new RefType(true, n.heapType() == null ? AbsHeapType.ANY : n.heapType()), null);
            case WastValue.RefExtern x -> Value.externRef(new HostRef(x.id()));
            case WastValue.RefHost x -> Value.ref(RefType.ANYREF, new HostRef(x.id()));
            case WastValue.V128 x -> V128Lanes.toValue(x.shape(), x.lanes());
        };
    }
}
