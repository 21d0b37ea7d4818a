package dev.weft.interpreter.exec;

import dev.weft.interpreter.code.Instr;

/**
 * The internal opcodes of lowered code as compile-time constants, for the dispatch
 * {@code switch} (a {@code tableswitch}: numbered densely from 0). The instruction set itself,
 * numbers, names and immediate layouts, is the table {@link Instr}; these constants mirror its
 * ordinals ({@code InstructionTableTest} checks every one).
 */
final class Opcodes {
    private Opcodes() {}

    // control
    static final int UNREACHABLE = 0;
    static final int BR = 1;
    static final int BR_COPY = 2;
    static final int BR_IF = 3;
    static final int BR_IF_COPY = 4;
    static final int BR_UNLESS = 5;
    static final int BR_TABLE = 6;
    static final int RETURN = 7;
    static final int RETURN_VOID = 8;
    static final int RETURN_1 = 9;
    static final int CALL = 10;
    static final int CALL_INDIRECT = 11;

    // locals, globals, constants, parametric
    static final int LOCAL_GET = 12;
    static final int LOCAL_SET = 13;
    static final int LOCAL_TEE = 14;
    static final int LOCAL_GET_REF = 15;
    static final int LOCAL_SET_REF = 16;
    static final int LOCAL_TEE_REF = 17;
    static final int DROP = 18;
    static final int DROP_REF = 19;
    static final int SELECT = 20;
    static final int SELECT_REF = 21;
    static final int GLOBAL_GET = 22;
    static final int GLOBAL_SET = 23;
    static final int GLOBAL_GET_REF = 24;
    static final int GLOBAL_SET_REF = 25;
    static final int CONST32 = 26;
    static final int CONST64 = 27;
    static final int REF_NULL = 28;
    static final int REF_IS_NULL = 29;
    static final int REF_FUNC = 30;

    // memory 0 with 32-bit addresses (hot); everything else through MEM_EXT
    static final int LOAD_I32 = 31;
    static final int LOAD_I64 = 32;
    static final int LOAD_8S = 33;
    static final int LOAD_8U = 34;
    static final int LOAD_16S = 35;
    static final int LOAD_16U = 36;
    static final int LOAD_32U = 37;
    static final int STORE_32 = 38;
    static final int STORE_64 = 39;
    static final int STORE_8 = 40;
    static final int STORE_16 = 41;
    static final int MEM_EXT = 42;
    static final int MEMORY_FILL = 43;
    static final int MEMORY_COPY = 44;

    // i32
    static final int I32_EQZ = 45;
    static final int I32_EQ = 46;
    static final int I32_NE = 47;
    static final int I32_LT_S = 48;
    static final int I32_LT_U = 49;
    static final int I32_GT_S = 50;
    static final int I32_GT_U = 51;
    static final int I32_LE_S = 52;
    static final int I32_LE_U = 53;
    static final int I32_GE_S = 54;
    static final int I32_GE_U = 55;
    static final int I32_ADD = 56;
    static final int I32_SUB = 57;
    static final int I32_MUL = 58;
    static final int I32_DIV_S = 59;
    static final int I32_DIV_U = 60;
    static final int I32_REM_S = 61;
    static final int I32_REM_U = 62;
    static final int I32_AND = 63;
    static final int I32_OR = 64;
    static final int I32_XOR = 65;
    static final int I32_SHL = 66;
    static final int I32_SHR_S = 67;
    static final int I32_SHR_U = 68;
    static final int I32_ROTL = 69;
    static final int I32_ROTR = 70;

    // i64
    static final int I64_EQZ = 71;
    static final int I64_EQ = 72;
    static final int I64_NE = 73;
    static final int I64_LT_S = 74;
    static final int I64_LT_U = 75;
    static final int I64_GT_S = 76;
    static final int I64_GT_U = 77;
    static final int I64_LE_S = 78;
    static final int I64_LE_U = 79;
    static final int I64_GE_S = 80;
    static final int I64_GE_U = 81;
    static final int I64_ADD = 82;
    static final int I64_SUB = 83;
    static final int I64_MUL = 84;
    static final int I64_DIV_S = 85;
    static final int I64_DIV_U = 86;
    static final int I64_REM_S = 87;
    static final int I64_REM_U = 88;
    static final int I64_AND = 89;
    static final int I64_OR = 90;
    static final int I64_XOR = 91;
    static final int I64_SHL = 92;
    static final int I64_SHR_S = 93;
    static final int I64_SHR_U = 94;
    static final int I64_ROTL = 95;
    static final int I64_ROTR = 96;

    // f32 (raw int bits in the low half of a slot); abs/neg go through CONVERT
    static final int F32_EQ = 97;
    static final int F32_NE = 98;
    static final int F32_LT = 99;
    static final int F32_GT = 100;
    static final int F32_LE = 101;
    static final int F32_GE = 102;
    static final int F32_SQRT = 103;
    static final int F32_ADD = 104;
    static final int F32_SUB = 105;
    static final int F32_MUL = 106;
    static final int F32_DIV = 107;
    static final int F32_MIN = 108;
    static final int F32_MAX = 109;
    static final int F32_COPYSIGN = 110;

    // f64
    static final int F64_EQ = 111;
    static final int F64_NE = 112;
    static final int F64_LT = 113;
    static final int F64_GT = 114;
    static final int F64_LE = 115;
    static final int F64_GE = 116;
    static final int F64_SQRT = 117;
    static final int F64_ADD = 118;
    static final int F64_SUB = 119;
    static final int F64_MUL = 120;
    static final int F64_DIV = 121;
    static final int F64_MIN = 122;
    static final int F64_MAX = 123;
    static final int F64_COPYSIGN = 124;

    // unary conversions, roundings, clz/ctz/popcnt, abs/neg: sub-opcode = the Wasm Op ordinal
    static final int CONVERT = 125;

    // fused forms; the additions, multiplications and and-with-constant work on the whole slot
    // (constants sign-extended), so they serve i32 (whose value is the low half) and i64 alike
    static final int ADD_CONST = 126;
    static final int LOCAL_GET2 = 127;
    static final int BR_IF_I32_EQZ = 128;
    static final int BR_IF_I32_LT_S = 129;
    static final int BR_IF_I32_GE_S = 130;
    static final int BR_IF_I32_NE = 131;
    static final int BR_IF_I32_EQ = 132;
    static final int BR_IF_I32_LT_U = 133;
    static final int BR_IF_I32_GE_U = 134;
    static final int BR_IF_I32_GT_S = 135;
    static final int BR_IF_I32_LE_S = 136;
    static final int BR_IF_I32_GT_U = 137;
    static final int BR_IF_I32_LE_U = 138;
    static final int ADD_LL = 139;
    static final int ADD_LL_SET = 140;
    static final int LOCAL_ADD_CONST_SET = 141;
    static final int BR_IF_LL_LT_S = 142;
    static final int BR_IF_LL_GE_S = 143;
    static final int BR_IF_LL_LT_U = 144;
    static final int BR_IF_LL_GE_U = 145;
    static final int BR_IF_LL_EQ = 146;
    static final int BR_IF_LL_NE = 147;
    static final int LOCAL_ADD_CONST = 148;
    static final int BR_IF_LC_LT_S = 149;
    static final int BR_IF_LC_GE_S = 150;
    static final int BR_IF_LC_LT_U = 151;
    static final int BR_IF_LC_GE_U = 152;
    static final int BR_IF_LC_EQ = 153;
    static final int BR_IF_LC_NE = 154;
    static final int BR_IF_SL_LT_S = 155;
    static final int BR_IF_SL_GE_S = 156;
    static final int BR_IF_SL_LT_U = 157;
    static final int BR_IF_SL_GE_U = 158;
    static final int BR_IF_SL_EQ = 159;
    static final int BR_IF_SL_NE = 160;
    static final int LOCAL_ADD_CONST_TEE = 161;
    static final int ADD_LL_TEE = 162;
    static final int AND_CONST = 163;
    static final int I32_SHL_CONST = 164;
    static final int I32_SHR_U_CONST = 165;
    static final int MUL_CONST = 166;
    static final int ADD_L = 167;
    static final int MUL_L = 168;
    static final int ADD_SET = 169;

    // later proposals
    /** {@code EXT subop imm*}: a cold instruction run by {@link Ext} (see {@link ExtOps}). */
    static final int EXT = 170;

    // address arithmetic and multiply-add fused into the following instruction
    static final int LOAD_I32_ADD = 171;
    static final int LOAD_I64_ADD = 172;
    static final int LOAD_I32_SHL = 173;
    static final int LOAD_I64_SHL = 174;
    static final int F64_MUL_ADD = 175;

    // the two stack-switching instructions a generator runs per value: laid out as EXT (the
    // sub-opcode stays, for ContOps) but dispatched by the loop itself, saving Ext.run's call
    /** {@code RESUME_EXT RESUME n site clauses...}: {@code resume}, see {@link ContOps#resume}. */
    static final int RESUME_EXT = 176;
    /** {@code SUSPEND_EXT SUSPEND tag n}: {@code suspend}, see {@link ContOps#suspend}. */
    static final int SUSPEND_EXT = 177;

    // i64 comparisons fused with br_if/if (both operands from the stack), and
    // {@code local.set x (y + top)} (an addition with a local right operand, then a set)
    static final int BR_IF_I64_EQZ = 178;
    static final int BR_IF_I64_EQ = 179;
    static final int BR_IF_I64_NE = 180;
    static final int BR_IF_I64_LT_S = 181;
    static final int BR_IF_I64_GE_S = 182;
    static final int BR_IF_I64_GT_S = 183;
    static final int BR_IF_I64_LE_S = 184;
    static final int BR_IF_I64_LT_U = 185;
    static final int BR_IF_I64_GE_U = 186;
    static final int BR_IF_I64_GT_U = 187;
    static final int BR_IF_I64_LE_U = 188;
    static final int ADD_L_SET = 189;

    /** Number of internal opcodes. */
    static final int COUNT = 190;

    /** The name of an internal opcode, for disassembly and error messages. */
    static String name(int op) {
        Instr instr = Instr.of(op);
        return instr != null ? instr.name() : "op" + op;
    }
}
