package dev.weft.interpreter.compiler;

import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.ast.ValType;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodType;
import java.util.List;

/**
 * How Wasm values live in compiled code: i32 and f32 as {@code int} (f32 as its raw bits), i64
 * and f64 as {@code long} (f64 as raw bits), every reference as {@code Object}. Keeping floats as
 * bits makes loads, stores, locals and reinterpretations exact with no NaN canonicalisation;
 * arithmetic converts at the operation (the interpreter's own helpers). Wasm locals of type f32
 * and f64 are the exception: JVM float and double variables, converted from and to bits where
 * they are read and written (FunctionEmitter.localKind), so that HotSpot keeps a float carried
 * around a loop in a floating-point register. A v128 is one immutable
 * {@code exec.V128} object, typed {@code Object} like a reference (see {@link VectorEmitter}); where
 * values meet the interpreter's slots ({@link SlotBridge}, {@link BytecodeCalls}) it is two slots,
 * low half first, as the interpreter keeps it. A function with several results returns them boxed
 * in an {@code Object[]} (Integer, Long, V128 or the reference).
 */
final class JvmTypes {
    private JvmTypes() {}

    static TypeKind kind(ValType t) {
        if (t.isRef()) {
            return TypeKind.REFERENCE;
        }
        return switch ((NumType) t) {
            case I32, F32 -> TypeKind.INT;
            case I64, F64 -> TypeKind.LONG;
            case V128 -> TypeKind.REFERENCE;
        };
    }

    static ClassDesc desc(ValType t) {
        return switch (kind(t)) {
            case INT -> ConstantDescs.CD_int;
            case LONG -> ConstantDescs.CD_long;
            default -> ConstantDescs.CD_Object;
        };
    }

    static Class<?> javaClass(ValType t) {
        return switch (kind(t)) {
            case INT -> int.class;
            case LONG -> long.class;
            default -> Object.class;
        };
    }

    static MethodTypeDesc methodDesc(CompositeType.Func type) {
        List<ValType> results = type.results();
        ClassDesc ret = results.isEmpty() ? ConstantDescs.CD_void
                : results.size() > 1 ? ConstantDescs.CD_Object.arrayType() : desc(results.getFirst());
        return MethodTypeDesc.of(ret, type.params().stream().map(JvmTypes::desc).toArray(ClassDesc[]::new));
    }

    static MethodType methodType(CompositeType.Func type) {
        List<ValType> results = type.results();
        Class<?> ret = results.isEmpty() ? void.class : results.size() > 1 ? Object[].class : javaClass(results.getFirst());
        return MethodType.methodType(ret, type.params().stream().map(JvmTypes::javaClass).toArray(Class<?>[]::new));
    }

    /**
     * Stack: array, index, value of kind {@code k}: stores the value into the array, a
     * {@code long[]} for numbers (an int widened) or an {@code Object[]} for references.
     */
    static void storeSlot(CodeBuilder cb, TypeKind k) {
        switch (k) {
            case INT -> {
                cb.i2l();
                cb.lastore();
            }
            case LONG -> cb.lastore();
            default -> cb.aastore();
        }
    }

    /** Stack: array, index: loads the value of kind {@code k} {@link #storeSlot} stored there. */
    static void loadSlot(CodeBuilder cb, TypeKind k) {
        switch (k) {
            case INT -> {
                cb.laload();
                cb.l2i();
            }
            case LONG -> cb.laload();
            default -> cb.aaload();
        }
    }
}
