package dev.weft.interpreter.compiler;

import static java.lang.constant.ConstantDescs.CD_Integer;
import static java.lang.constant.ConstantDescs.CD_Long;
import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;

import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.NumType;
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
 * (one per value, a v128 two; numbers in {@code slots}, references in {@code refs}), calls
 * {@code f<index>} and writes the results back from {@code base} on.
 */
final class SlotBridge {
    static final MethodTypeDesc DESC = MethodTypeDesc.of(CD_void, CD_long.arrayType(), CD_Object.arrayType(), CD_int);
    static final MethodType TYPE = MethodType.methodType(void.class, long[].class, Object[].class, int.class);
    private static final int SLOTS = 0;
    private static final int REFS = 1;
    private static final int BASE = 2;

    private SlotBridge() {}

    static void emit(CodeBuilder cb, ClassDesc owner, String target, CompositeType.Func type) {
        int pos = 0;
        for (ValType t : type.params()) {
            TypeKind k = JvmTypes.kind(t);
            if (t == NumType.V128) {
                for (int half = 0; half < 2; half++) {
                    cb.aload(SLOTS);
                    index(cb, pos + half);
                    cb.laload();
                }
                cb.invokestatic(VectorEmitter.V128, "of", MethodTypeDesc.of(VectorEmitter.V128, CD_long, CD_long));
            } else {
                cb.aload(k == TypeKind.REFERENCE ? REFS : SLOTS);
                index(cb, pos);
                JvmTypes.loadSlot(cb, k);
            }
            pos += width(t);
        }
        cb.invokestatic(owner, target, JvmTypes.methodDesc(type));
        List<ValType> results = type.results();
        if (results.size() == 1) {
            store(cb, results.getFirst(), 0, cb.allocateLocal(TypeKind.REFERENCE));
        } else if (results.size() > 1) {
            int array = cb.allocateLocal(TypeKind.REFERENCE);
            cb.astore(array);
            int value = cb.allocateLocal(TypeKind.REFERENCE);
            pos = 0;
            for (int i = 0; i < results.size(); i++) {
                ValType t = results.get(i);
                cb.aload(array);
                cb.ldc(i);
                cb.aaload();
                TypeKind k = JvmTypes.kind(t);
                if (k == TypeKind.INT) {
                    cb.checkcast(CD_Integer);
                    cb.invokevirtual(CD_Integer, "intValue", MethodTypeDesc.of(CD_int));
                } else if (k == TypeKind.LONG) {
                    cb.checkcast(CD_Long);
                    cb.invokevirtual(CD_Long, "longValue", MethodTypeDesc.of(CD_long));
                }
                store(cb, t, pos, value);
                pos += width(t);
            }
        }
        cb.return_();
    }

    /** How many interpreter slots a value of type {@code t} takes. */
    private static int width(ValType t) {
        return t == NumType.V128 ? 2 : 1;
    }

    private static void index(CodeBuilder cb, int i) {
        cb.iload(BASE);
        if (i > 0) {
            cb.ldc(i);
            cb.iadd();
        }
    }

    /**
     * Stores the value of type {@code t} on the stack into the slots from {@code base + pos}, via
     * local {@code tmp} (a v128 into two, low half first).
     */
    private static void store(CodeBuilder cb, ValType t, int pos, int tmp) {
        TypeKind k = JvmTypes.kind(t);
        if (t == NumType.V128) {
            cb.checkcast(VectorEmitter.V128);
            cb.astore(tmp);
            for (int half = 0; half < 2; half++) {
                cb.aload(SLOTS);
                index(cb, pos + half);
                cb.aload(tmp);
                cb.getfield(VectorEmitter.V128, half == 0 ? "lo" : "hi", CD_long);
                cb.lastore();
            }
            return;
        }
        int local = k == TypeKind.REFERENCE ? tmp : cb.allocateLocal(k);
        cb.storeLocal(k, local);
        cb.aload(k == TypeKind.REFERENCE ? REFS : SLOTS);
        index(cb, pos);
        cb.loadLocal(k, local);
        JvmTypes.storeSlot(cb, k);
    }
}
