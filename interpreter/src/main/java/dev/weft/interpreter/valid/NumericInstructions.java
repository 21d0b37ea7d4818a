package dev.weft.interpreter.valid;

import static dev.weft.interpreter.ast.NumType.F32;
import static dev.weft.interpreter.ast.NumType.F64;
import static dev.weft.interpreter.ast.NumType.I32;
import static dev.weft.interpreter.ast.NumType.I64;

import dev.weft.interpreter.InvalidModuleException;
import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.ast.Op;
import dev.weft.interpreter.ast.ValType;

/**
 * Constants and the numeric instructions (comparisons, arithmetic, conversions, sign extension,
 * saturating truncation), checked from a signature table indexed by opcode ordinal.
 */
final class NumericInstructions {
    private static final ValType[][] IN = new ValType[Op.values().length][];
    private static final ValType[] OUT = new ValType[Op.values().length];

    static {
        sig(Op.I32_CONST, Op.I32_CONST, I32);
        sig(Op.I64_CONST, Op.I64_CONST, I64);
        sig(Op.F32_CONST, Op.F32_CONST, F32);
        sig(Op.F64_CONST, Op.F64_CONST, F64);
        sig(Op.I32_EQZ, Op.I32_EQZ, I32, I32);
        sig(Op.I32_EQ, Op.I32_GE_U, I32, I32, I32);
        sig(Op.I64_EQZ, Op.I64_EQZ, I32, I64);
        sig(Op.I64_EQ, Op.I64_GE_U, I32, I64, I64);
        sig(Op.F32_EQ, Op.F32_GE, I32, F32, F32);
        sig(Op.F64_EQ, Op.F64_GE, I32, F64, F64);
        sig(Op.I32_CLZ, Op.I32_POPCNT, I32, I32);
        sig(Op.I32_ADD, Op.I32_ROTR, I32, I32, I32);
        sig(Op.I64_CLZ, Op.I64_POPCNT, I64, I64);
        sig(Op.I64_ADD, Op.I64_ROTR, I64, I64, I64);
        sig(Op.F32_ABS, Op.F32_SQRT, F32, F32);
        sig(Op.F32_ADD, Op.F32_COPYSIGN, F32, F32, F32);
        sig(Op.F64_ABS, Op.F64_SQRT, F64, F64);
        sig(Op.F64_ADD, Op.F64_COPYSIGN, F64, F64, F64);
        sig(Op.I32_WRAP_I64, Op.I32_WRAP_I64, I32, I64);
        sig(Op.I32_TRUNC_F32_S, Op.I32_TRUNC_F32_U, I32, F32);
        sig(Op.I32_TRUNC_F64_S, Op.I32_TRUNC_F64_U, I32, F64);
        sig(Op.I64_EXTEND_I32_S, Op.I64_EXTEND_I32_U, I64, I32);
        sig(Op.I64_TRUNC_F32_S, Op.I64_TRUNC_F32_U, I64, F32);
        sig(Op.I64_TRUNC_F64_S, Op.I64_TRUNC_F64_U, I64, F64);
        sig(Op.F32_CONVERT_I32_S, Op.F32_CONVERT_I32_U, F32, I32);
        sig(Op.F32_CONVERT_I64_S, Op.F32_CONVERT_I64_U, F32, I64);
        sig(Op.F32_DEMOTE_F64, Op.F32_DEMOTE_F64, F32, F64);
        sig(Op.F64_CONVERT_I32_S, Op.F64_CONVERT_I32_U, F64, I32);
        sig(Op.F64_CONVERT_I64_S, Op.F64_CONVERT_I64_U, F64, I64);
        sig(Op.F64_PROMOTE_F32, Op.F64_PROMOTE_F32, F64, F32);
        sig(Op.I32_REINTERPRET_F32, Op.I32_REINTERPRET_F32, I32, F32);
        sig(Op.I64_REINTERPRET_F64, Op.I64_REINTERPRET_F64, I64, F64);
        sig(Op.F32_REINTERPRET_I32, Op.F32_REINTERPRET_I32, F32, I32);
        sig(Op.F64_REINTERPRET_I64, Op.F64_REINTERPRET_I64, F64, I64);
        sig(Op.I32_EXTEND8_S, Op.I32_EXTEND16_S, I32, I32);
        sig(Op.I64_EXTEND8_S, Op.I64_EXTEND32_S, I64, I64);
        sig(Op.I32_TRUNC_SAT_F32_S, Op.I32_TRUNC_SAT_F32_U, I32, F32);
        sig(Op.I32_TRUNC_SAT_F64_S, Op.I32_TRUNC_SAT_F64_U, I32, F64);
        sig(Op.I64_TRUNC_SAT_F32_S, Op.I64_TRUNC_SAT_F32_U, I64, F32);
        sig(Op.I64_TRUNC_SAT_F64_S, Op.I64_TRUNC_SAT_F64_U, I64, F64);
    }

    private final CodeValidator v;

    NumericInstructions(CodeValidator v) {
        this.v = v;
    }

    private static void sig(Op first, Op last, NumType out, NumType... in) {
        for (int i = first.ordinal(); i <= last.ordinal(); i++) {
            IN[i] = in;
            OUT[i] = out;
        }
    }

    /** True for the opcodes this class checks. */
    static boolean isNumeric(Op op) {
        return OUT[op.ordinal()] != null;
    }

    void validate(Instruction ins) throws InvalidModuleException {
        int o = ins.op().ordinal();
        v.popExpect(IN[o]);
        v.push(OUT[o]);
    }
}
