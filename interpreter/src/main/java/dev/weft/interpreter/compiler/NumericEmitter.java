package dev.weft.interpreter.compiler;

import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;

import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.ast.Op;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Opcode;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;

/**
 * The numeric instructions: integer arithmetic as JVM instructions, floating point and the
 * trapping or rounding conversions through the interpreter's helpers (on raw bits, see
 * {@link JvmTypes}).
 */
final class NumericEmitter {
    private static final ClassDesc INTEGER = ConstantDescs.CD_Integer;
    private static final ClassDesc LONG = ConstantDescs.CD_Long;

    private NumericEmitter() {}

    /** Emits {@code op} if it is a numeric instruction; false otherwise. */
    static boolean emit(FunctionEmitter e, Op op) {
        CodeBuilder cb = e.code();
        switch (op) {
            // ---- i32 ----
            case I32_EQZ -> unaryTest(e, NumType.I32, Opcode.IFEQ);
            case I32_EQ -> compare(e, NumType.I32, Opcode.IF_ICMPEQ);
            case I32_NE -> compare(e, NumType.I32, Opcode.IF_ICMPNE);
            case I32_LT_S -> compare(e, NumType.I32, Opcode.IF_ICMPLT);
            case I32_GT_S -> compare(e, NumType.I32, Opcode.IF_ICMPGT);
            case I32_LE_S -> compare(e, NumType.I32, Opcode.IF_ICMPLE);
            case I32_GE_S -> compare(e, NumType.I32, Opcode.IF_ICMPGE);
            case I32_LT_U -> unsigned(e, NumType.I32, Opcode.IFLT);
            case I32_GT_U -> unsigned(e, NumType.I32, Opcode.IFGT);
            case I32_LE_U -> unsigned(e, NumType.I32, Opcode.IFLE);
            case I32_GE_U -> unsigned(e, NumType.I32, Opcode.IFGE);
            case I32_CLZ -> unaryCall(e, NumType.I32, INTEGER, "numberOfLeadingZeros", CD_int);
            case I32_CTZ -> unaryCall(e, NumType.I32, INTEGER, "numberOfTrailingZeros", CD_int);
            case I32_POPCNT -> unaryCall(e, NumType.I32, INTEGER, "bitCount", CD_int);
            case I32_ADD -> binary(e, NumType.I32, cb::iadd);
            case I32_SUB -> binary(e, NumType.I32, cb::isub);
            case I32_MUL -> binary(e, NumType.I32, cb::imul);
            case I32_AND -> binary(e, NumType.I32, cb::iand);
            case I32_OR -> binary(e, NumType.I32, cb::ior);
            case I32_XOR -> binary(e, NumType.I32, cb::ixor);
            case I32_SHL -> binary(e, NumType.I32, cb::ishl);
            case I32_SHR_S -> binary(e, NumType.I32, cb::ishr);
            case I32_SHR_U -> binary(e, NumType.I32, cb::iushr);
            case I32_ROTL -> binaryCall(e, NumType.I32, INTEGER, "rotateLeft", CD_int, CD_int, CD_int);
            case I32_ROTR -> binaryCall(e, NumType.I32, INTEGER, "rotateRight", CD_int, CD_int, CD_int);
            case I32_DIV_S, I32_DIV_U, I32_REM_S, I32_REM_U -> binarySupport(e, NumType.I32, helperName(op));
            // ---- i64 ----
            case I64_EQZ -> {
                e.popType();
                cb.lconst_0();
                cb.lcmp();
                e.bool(Opcode.IFEQ);
                e.pushType(NumType.I32);
            }
            case I64_EQ -> longCompare(e, Opcode.IFEQ);
            case I64_NE -> longCompare(e, Opcode.IFNE);
            case I64_LT_S -> longCompare(e, Opcode.IFLT);
            case I64_GT_S -> longCompare(e, Opcode.IFGT);
            case I64_LE_S -> longCompare(e, Opcode.IFLE);
            case I64_GE_S -> longCompare(e, Opcode.IFGE);
            case I64_LT_U -> unsigned(e, NumType.I64, Opcode.IFLT);
            case I64_GT_U -> unsigned(e, NumType.I64, Opcode.IFGT);
            case I64_LE_U -> unsigned(e, NumType.I64, Opcode.IFLE);
            case I64_GE_U -> unsigned(e, NumType.I64, Opcode.IFGE);
            case I64_CLZ -> longBitCount(e, "numberOfLeadingZeros");
            case I64_CTZ -> longBitCount(e, "numberOfTrailingZeros");
            case I64_POPCNT -> longBitCount(e, "bitCount");
            case I64_ADD -> binary(e, NumType.I64, cb::ladd);
            case I64_SUB -> binary(e, NumType.I64, cb::lsub);
            case I64_MUL -> binary(e, NumType.I64, cb::lmul);
            case I64_AND -> binary(e, NumType.I64, cb::land);
            case I64_OR -> binary(e, NumType.I64, cb::lor);
            case I64_XOR -> binary(e, NumType.I64, cb::lxor);
            case I64_SHL -> shift(e, cb::lshl);
            case I64_SHR_S -> shift(e, cb::lshr);
            case I64_SHR_U -> shift(e, cb::lushr);
            case I64_ROTL -> {
                cb.l2i();
                binaryCall(e, NumType.I64, LONG, "rotateLeft", CD_long, CD_long, CD_int);
            }
            case I64_ROTR -> {
                cb.l2i();
                binaryCall(e, NumType.I64, LONG, "rotateRight", CD_long, CD_long, CD_int);
            }
            case I64_DIV_S, I64_DIV_U, I64_REM_S, I64_REM_U -> binarySupport(e, NumType.I64, helperName(op));
            // ---- floating point ----
            case F32_EQ, F32_NE, F32_LT, F32_GT, F32_LE, F32_GE -> floatCompare(e, NumType.F32, helperName(op));
            case F64_EQ, F64_NE, F64_LT, F64_GT, F64_LE, F64_GE -> floatCompare(e, NumType.F64, helperName(op));
            case F32_ADD, F32_SUB, F32_MUL, F32_DIV, F32_MIN, F32_MAX, F32_COPYSIGN ->
                    binarySupport(e, NumType.F32, helperName(op));
            case F64_ADD, F64_SUB, F64_MUL, F64_DIV, F64_MIN, F64_MAX, F64_COPYSIGN ->
                    binarySupport(e, NumType.F64, helperName(op));
            case F32_SQRT -> {
                e.support("f32Sqrt", CD_int, CD_int);
            }
            case F64_SQRT -> {
                e.support("f64Sqrt", CD_long, CD_long);
            }
            case F32_ABS -> {
                cb.ldc(0x7FFF_FFFF);
                cb.iand();
            }
            case F32_NEG -> {
                cb.ldc(0x8000_0000);
                cb.ixor();
            }
            case F64_ABS -> {
                cb.ldc(0x7FFF_FFFF_FFFF_FFFFL);
                cb.land();
            }
            case F64_NEG -> {
                cb.ldc(0x8000_0000_0000_0000L);
                cb.lxor();
            }
            // ---- conversions ----
            case I32_WRAP_I64 -> retype(e, cb::l2i, NumType.I32);
            case I64_EXTEND_I32_S -> retype(e, cb::i2l, NumType.I64);
            case I64_EXTEND_I32_U -> {
                cb.i2l();
                cb.ldc(0xFFFF_FFFFL);
                cb.land();
                e.popType();
                e.pushType(NumType.I64);
            }
            case I32_REINTERPRET_F32 -> retype(e, () -> { }, NumType.I32);
            case F32_REINTERPRET_I32 -> retype(e, () -> { }, NumType.F32);
            case I64_REINTERPRET_F64 -> retype(e, () -> { }, NumType.I64);
            case F64_REINTERPRET_I64 -> retype(e, () -> { }, NumType.F64);
            case I32_EXTEND8_S -> cb.i2b();
            case I32_EXTEND16_S -> cb.i2s();
            case I64_EXTEND8_S -> {
                cb.l2i();
                cb.i2b();
                cb.i2l();
            }
            case I64_EXTEND16_S -> {
                cb.l2i();
                cb.i2s();
                cb.i2l();
            }
            case I64_EXTEND32_S -> {
                cb.l2i();
                cb.i2l();
            }
            case F32_CEIL, F32_FLOOR, F32_TRUNC, F32_NEAREST, F64_CEIL, F64_FLOOR, F64_TRUNC, F64_NEAREST,
                 I32_TRUNC_F32_S, I32_TRUNC_F32_U, I32_TRUNC_F64_S, I32_TRUNC_F64_U,
                 I64_TRUNC_F32_S, I64_TRUNC_F32_U, I64_TRUNC_F64_S, I64_TRUNC_F64_U,
                 I32_TRUNC_SAT_F32_S, I32_TRUNC_SAT_F32_U, I32_TRUNC_SAT_F64_S, I32_TRUNC_SAT_F64_U,
                 I64_TRUNC_SAT_F32_S, I64_TRUNC_SAT_F32_U, I64_TRUNC_SAT_F64_S, I64_TRUNC_SAT_F64_U,
                 F32_CONVERT_I32_S, F32_CONVERT_I32_U, F32_CONVERT_I64_S, F32_CONVERT_I64_U, F32_DEMOTE_F64,
                 F64_CONVERT_I32_S, F64_CONVERT_I32_U, F64_CONVERT_I64_S, F64_CONVERT_I64_U, F64_PROMOTE_F32 ->
                    convert(e, op);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The helper's name: "i32.div_s" is i32DivS, "f64.lt" is f64Lt. */
    private static String helperName(Op op) {
        String text = op.text();
        StringBuilder b = new StringBuilder(text.substring(0, 3));
        boolean upper = true;
        for (char c : text.substring(4).toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                b.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return b.toString();
    }

    private static ClassDesc desc(NumType t) {
        return t == NumType.I32 || t == NumType.F32 ? CD_int : CD_long;
    }

    private static void binary(FunctionEmitter e, NumType t, Runnable insn) {
        insn.run();
        e.popType();
    }

    private static void shift(FunctionEmitter e, Runnable insn) {
        e.code().l2i();
        insn.run();
        e.popType();
    }

    private static void binarySupport(FunctionEmitter e, NumType t, String name) {
        e.support(name, desc(t), desc(t), desc(t));
        e.popType();
    }

    private static void binaryCall(FunctionEmitter e, NumType t, ClassDesc owner, String name, ClassDesc ret,
            ClassDesc a, ClassDesc b) {
        e.code().invokestatic(owner, name, MethodTypeDesc.of(ret, a, b));
        e.popType();
    }

    private static void unaryCall(FunctionEmitter e, NumType t, ClassDesc owner, String name, ClassDesc arg) {
        e.code().invokestatic(owner, name, MethodTypeDesc.of(CD_int, arg));
    }

    private static void longBitCount(FunctionEmitter e, String name) {
        e.code().invokestatic(LONG, name, MethodTypeDesc.of(CD_int, CD_long));
        e.code().i2l();
    }

    private static void unaryTest(FunctionEmitter e, NumType t, Opcode branch) {
        e.popType();
        e.bool(branch);
        e.pushType(NumType.I32);
    }

    private static void compare(FunctionEmitter e, NumType t, Opcode branch) {
        e.popType();
        e.popType();
        e.bool(branch);
        e.pushType(NumType.I32);
    }

    private static void longCompare(FunctionEmitter e, Opcode branch) {
        e.code().lcmp();
        compare(e, NumType.I64, branch);
    }

    private static void unsigned(FunctionEmitter e, NumType t, Opcode branch) {
        ClassDesc owner = t == NumType.I32 ? INTEGER : LONG;
        e.code().invokestatic(owner, "compareUnsigned", MethodTypeDesc.of(CD_int, desc(t), desc(t)));
        compare(e, t, branch);
    }

    private static void floatCompare(FunctionEmitter e, NumType t, String name) {
        e.support(name, CD_int, desc(t), desc(t));
        e.popType();
        e.popType();
        e.pushType(NumType.I32);
    }

    private static void retype(FunctionEmitter e, Runnable insn, NumType result) {
        insn.run();
        e.popType();
        e.pushType(result);
    }

    /** The conversions and roundings: through {@code BytecodeSupport.convert} on a widened value. */
    private static void convert(FunctionEmitter e, Op op) {
        CodeBuilder cb = e.code();
        NumType in = (NumType) e.popType();
        NumType out = switch (op.text().substring(0, 3)) {
            case "i32" -> NumType.I32;
            case "i64" -> NumType.I64;
            case "f32" -> NumType.F32;
            default -> NumType.F64;
        };
        if (desc(in) == CD_int) {
            cb.i2l();
        }
        int ordinal = op.ordinal();
        // the value is on top: put the op code under it
        cb.ldc(ordinal);
        cb.dup_x2();
        cb.pop();
        e.support("convert", CD_long, CD_int, CD_long);
        if (desc(out) == CD_int) {
            cb.l2i();
        }
        e.pushType(out);
    }
}
