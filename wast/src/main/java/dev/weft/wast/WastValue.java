package dev.weft.wast;

import dev.weft.interpreter.ast.AbsHeapType;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.ValType;
import java.util.List;

/** A constant in a script: an action argument or an exact expected result. */
public sealed interface WastValue {

    /** The value's type. */
    ValType type();

    /** {@code (i32.const n)}. */
    record I32(int value) implements WastValue {
        public ValType type() {
            return NumType.I32;
        }
    }

    /** {@code (i64.const n)}. */
    record I64(long value) implements WastValue {
        public ValType type() {
            return NumType.I64;
        }
    }

    /** {@code (f32.const x)} as its bit pattern. */
    record F32(int bits) implements WastValue {
        public ValType type() {
            return NumType.F32;
        }
    }

    /** {@code (f64.const x)} as its bit pattern. */
    record F64(long bits) implements WastValue {
        public ValType type() {
            return NumType.F64;
        }
    }

    /** {@code (v128.const shape lane*)}, kept as written (SIMD is not interpreted yet). */
    record V128(String shape, List<String> lanes) implements WastValue {
        public V128 {
            lanes = List.copyOf(lanes);
        }

        public ValType type() {
            return NumType.V128;
        }
    }

    /**
     * {@code (ref.null ht)}; {@code heapType} is null when the heap type is not abstract
     * (a type index) — then any null of a matching type is meant.
     */
    record RefNull(AbsHeapType heapType) implements WastValue {
        public ValType type() {
            return new RefType(true, heapType == null ? AbsHeapType.ANY : heapType);
        }
    }

    /** {@code (ref.extern n)}: host reference number n, seen as an externref. */
    record RefExtern(long id) implements WastValue {
        public ValType type() {
            return RefType.EXTERNREF;
        }
    }

    /** {@code (ref.host n)}: host reference number n, seen as an anyref. */
    record RefHost(long id) implements WastValue {
        public ValType type() {
            return RefType.ANYREF;
        }
    }
}
