package dev.weft.interpreter.compiler;

import static java.lang.constant.ConstantDescs.CD_Integer;
import static java.lang.constant.ConstantDescs.CD_Long;
import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;

import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.ValType;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodType;
import java.util.List;

/**
 * Emits {@code s<index>(long[] slots, Object[] refs, int base)}, the way an interpreted caller
 * enters a compiled function without boxing: it reads the arguments from the interpreter's slots
 * (one per value; numbers in {@code slots}, references in {@code refs}), calls {@code f<index>}
 * and writes the results back from {@code base} on.
 */
final class SlotBridge {
    static final MethodTypeDesc DESC = MethodTypeDesc.of(CD_void, CD_long.arrayType(), CD_Object.arrayType(), CD_int);
    static final MethodType TYPE = MethodType.methodType(void.class, long[].class, Object[].class, int.class);
    private static final int SLOTS = 0;
    private static final int REFS = 1;
    private static final int BASE = 2;

    private SlotBridge() {}

    static void emit(CodeBuilder cb, ClassDesc owner, String target, CompositeType.Func type) {
        List<ValType> params = type.params();
        for (int i = 0; i < params.size(); i++) {
            TypeKind k = JvmTypes.kind(params.get(i));
            cb.aload(k == TypeKind.REFERENCE ? REFS : SLOTS);
            index(cb, i);
            JvmTypes.loadSlot(cb, k);
        }
        cb.invokestatic(owner, target, JvmTypes.methodDesc(type));
        List<ValType> results = type.results();
        if (results.size() == 1) {
            store(cb, results.getFirst(), 0, cb.allocateLocal(JvmTypes.kind(results.getFirst())));
        } else if (results.size() > 1) {
            int array = cb.allocateLocal(TypeKind.REFERENCE);
            cb.astore(array);
            int value = cb.allocateLocal(TypeKind.REFERENCE);
            for (int i = 0; i < results.size(); i++) {
                cb.aload(array);
                cb.ldc(i);
                cb.aaload();
                cb.astore(value);
                ValType t = results.get(i);
                if (JvmTypes.kind(t) == TypeKind.REFERENCE) {
                    cb.aload(REFS);
                    index(cb, i);
                    cb.aload(value);
                    cb.aastore();
                } else {
                    cb.aload(SLOTS);
                    index(cb, i);
                    cb.aload(value);
                    if (JvmTypes.kind(t) == TypeKind.INT) {
                        cb.checkcast(CD_Integer);
                        cb.invokevirtual(CD_Integer, "intValue", MethodTypeDesc.of(CD_int));
                        cb.i2l();
                    } else {
                        cb.checkcast(CD_Long);
                        cb.invokevirtual(CD_Long, "longValue", MethodTypeDesc.of(CD_long));
                    }
                    cb.lastore();
                }
            }
        }
        cb.return_();
    }

    private static void index(CodeBuilder cb, int i) {
        cb.iload(BASE);
        if (i > 0) {
            cb.ldc(i);
            cb.iadd();
        }
    }

    /** Stores the single result on the stack into slot {@code base + i}, via local {@code tmp}. */
    private static void store(CodeBuilder cb, ValType t, int i, int tmp) {
        TypeKind k = JvmTypes.kind(t);
        cb.storeLocal(k, tmp);
        cb.aload(k == TypeKind.REFERENCE ? REFS : SLOTS);
        index(cb, i);
        cb.loadLocal(k, tmp);
        JvmTypes.storeSlot(cb, k);
    }
}
