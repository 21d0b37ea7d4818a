package dev.weft.interpreter.lower;

import dev.weft.interpreter.ast.Op;
import dev.weft.interpreter.code.Opcodes;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Maps immediate-free numeric Wasm opcodes to internal ones. Opcodes I32_EQZ..F64_COPYSIGN in
 * {@link Opcodes} carry the same names as their {@link Op}; unary conversions and roundings go
 * (and clz/ctz/popcnt, abs/neg) go through {@link Opcodes#CONVERT} with the Op ordinal as
 * sub-opcode.
 */
final class PlainOps {
    private static final Map<Op, Integer> DIRECT = new EnumMap<>(Op.class);
    private static final Set<Op> CONVERSIONS = EnumSet.of(
            Op.I32_CLZ, Op.I32_CTZ, Op.I32_POPCNT, Op.I64_CLZ, Op.I64_CTZ, Op.I64_POPCNT,
            Op.F32_ABS, Op.F32_NEG, Op.F64_ABS, Op.F64_NEG,
            Op.F32_CEIL, Op.F32_FLOOR, Op.F32_TRUNC, Op.F32_NEAREST,
            Op.F64_CEIL, Op.F64_FLOOR, Op.F64_TRUNC, Op.F64_NEAREST,
            Op.I32_TRUNC_F32_S, Op.I32_TRUNC_F32_U, Op.I32_TRUNC_F64_S, Op.I32_TRUNC_F64_U,
            Op.I64_EXTEND_I32_S, Op.I64_EXTEND_I32_U,
            Op.I64_TRUNC_F32_S, Op.I64_TRUNC_F32_U, Op.I64_TRUNC_F64_S, Op.I64_TRUNC_F64_U,
            Op.F32_CONVERT_I32_S, Op.F32_CONVERT_I32_U, Op.F32_CONVERT_I64_S, Op.F32_CONVERT_I64_U,
            Op.F32_DEMOTE_F64,
            Op.F64_CONVERT_I32_S, Op.F64_CONVERT_I32_U, Op.F64_CONVERT_I64_S, Op.F64_CONVERT_I64_U,
            Op.F64_PROMOTE_F32,
            Op.I32_EXTEND8_S, Op.I32_EXTEND16_S, Op.I64_EXTEND8_S, Op.I64_EXTEND16_S, Op.I64_EXTEND32_S,
            Op.I32_TRUNC_SAT_F32_S, Op.I32_TRUNC_SAT_F32_U, Op.I32_TRUNC_SAT_F64_S, Op.I32_TRUNC_SAT_F64_U,
            Op.I64_TRUNC_SAT_F32_S, Op.I64_TRUNC_SAT_F32_U, Op.I64_TRUNC_SAT_F64_S, Op.I64_TRUNC_SAT_F64_U);

    static {
        for (int code = Opcodes.I32_EQZ; code <= Opcodes.F64_COPYSIGN; code++) {
            // every opcode of this range is named after its Wasm Op
            DIRECT.put(Op.valueOf(Opcodes.name(code)), code);
        }
    }

    private PlainOps() {}

    /** The internal opcode of a numeric Wasm opcode without immediates, or -1. */
    static int internal(Op op) {
        Integer code = DIRECT.get(op);
        return code == null ? -1 : code;
    }

    /** Whether {@code op} is lowered to {@link Opcodes#CONVERT}. */
    static boolean isConversion(Op op) {
        return CONVERSIONS.contains(op);
    }
}
