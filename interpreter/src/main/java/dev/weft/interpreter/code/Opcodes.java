package dev.weft.interpreter.code;


/**
 * The internal opcodes of lowered code as compile-time constants, for the dispatch
 * {@code switch} (a {@code tableswitch}: numbered densely from 0). The instruction set itself,
 * numbers, names and immediate layouts, is the table {@link Instr}; these constants mirror its
 * ordinals ({@code InstructionTableTest} checks every one).
 */
public final class Opcodes {
    private Opcodes() {}

    // control
    public static final int UNREACHABLE = 0;
    public static final int BR = 1;
    public static final int BR_COPY = 2;
    public static final int BR_IF = 3;
    public static final int BR_IF_COPY = 4;
    public static final int BR_UNLESS = 5;
    public static final int BR_TABLE = 6;
    public static final int RETURN = 7;
    public static final int RETURN_VOID = 8;
    public static final int RETURN_1 = 9;
    public static final int CALL = 10;
    public static final int CALL_INDIRECT = 11;

    // locals, globals, constants, parametric
    public static final int LOCAL_GET = 12;
    public static final int LOCAL_SET = 13;
    public static final int LOCAL_TEE = 14;
    public static final int LOCAL_GET_REF = 15;
    public static final int LOCAL_SET_REF = 16;
    public static final int LOCAL_TEE_REF = 17;
    public static final int DROP = 18;
    public static final int DROP_REF = 19;
    public static final int SELECT = 20;
    public static final int SELECT_REF = 21;
    public static final int GLOBAL_GET = 22;
    public static final int GLOBAL_SET = 23;
    public static final int GLOBAL_GET_REF = 24;
    public static final int GLOBAL_SET_REF = 25;
    public static final int CONST32 = 26;
    public static final int CONST64 = 27;
    public static final int REF_NULL = 28;
    public static final int REF_IS_NULL = 29;
    public static final int REF_FUNC = 30;

    // memory 0 with 32-bit addresses (hot); everything else through MEM_EXT
    public static final int LOAD_I32 = 31;
    public static final int LOAD_I64 = 32;
    public static final int LOAD_8S = 33;
    public static final int LOAD_8U = 34;
    public static final int LOAD_16S = 35;
    public static final int LOAD_16U = 36;
    public static final int LOAD_32U = 37;
    public static final int STORE_32 = 38;
    public static final int STORE_64 = 39;
    public static final int STORE_8 = 40;
    public static final int STORE_16 = 41;
    public static final int MEM_EXT = 42;
    public static final int MEMORY_FILL = 43;
    public static final int MEMORY_COPY = 44;

    // i32
    public static final int I32_EQZ = 45;
    public static final int I32_EQ = 46;
    public static final int I32_NE = 47;
    public static final int I32_LT_S = 48;
    public static final int I32_LT_U = 49;
    public static final int I32_GT_S = 50;
    public static final int I32_GT_U = 51;
    public static final int I32_LE_S = 52;
    public static final int I32_LE_U = 53;
    public static final int I32_GE_S = 54;
    public static final int I32_GE_U = 55;
    public static final int I32_ADD = 56;
    public static final int I32_SUB = 57;
    public static final int I32_MUL = 58;
    public static final int I32_DIV_S = 59;
    public static final int I32_DIV_U = 60;
    public static final int I32_REM_S = 61;
    public static final int I32_REM_U = 62;
    public static final int I32_AND = 63;
    public static final int I32_OR = 64;
    public static final int I32_XOR = 65;
    public static final int I32_SHL = 66;
    public static final int I32_SHR_S = 67;
    public static final int I32_SHR_U = 68;
    public static final int I32_ROTL = 69;
    public static final int I32_ROTR = 70;

    // i64
    public static final int I64_EQZ = 71;
    public static final int I64_EQ = 72;
    public static final int I64_NE = 73;
    public static final int I64_LT_S = 74;
    public static final int I64_LT_U = 75;
    public static final int I64_GT_S = 76;
    public static final int I64_GT_U = 77;
    public static final int I64_LE_S = 78;
    public static final int I64_LE_U = 79;
    public static final int I64_GE_S = 80;
    public static final int I64_GE_U = 81;
    public static final int I64_ADD = 82;
    public static final int I64_SUB = 83;
    public static final int I64_MUL = 84;
    public static final int I64_DIV_S = 85;
    public static final int I64_DIV_U = 86;
    public static final int I64_REM_S = 87;
    public static final int I64_REM_U = 88;
    public static final int I64_AND = 89;
    public static final int I64_OR = 90;
    public static final int I64_XOR = 91;
    public static final int I64_SHL = 92;
    public static final int I64_SHR_S = 93;
    public static final int I64_SHR_U = 94;
    public static final int I64_ROTL = 95;
    public static final int I64_ROTR = 96;

    // f32 (raw int bits in the low half of a slot); abs/neg go through CONVERT
    public static final int F32_EQ = 97;
    public static final int F32_NE = 98;
    public static final int F32_LT = 99;
    public static final int F32_GT = 100;
    public static final int F32_LE = 101;
    public static final int F32_GE = 102;
    public static final int F32_SQRT = 103;
    public static final int F32_ADD = 104;
    public static final int F32_SUB = 105;
    public static final int F32_MUL = 106;
    public static final int F32_DIV = 107;
    public static final int F32_MIN = 108;
    public static final int F32_MAX = 109;
    public static final int F32_COPYSIGN = 110;

    // f64
    public static final int F64_EQ = 111;
    public static final int F64_NE = 112;
    public static final int F64_LT = 113;
    public static final int F64_GT = 114;
    public static final int F64_LE = 115;
    public static final int F64_GE = 116;
    public static final int F64_SQRT = 117;
    public static final int F64_ADD = 118;
    public static final int F64_SUB = 119;
    public static final int F64_MUL = 120;
    public static final int F64_DIV = 121;
    public static final int F64_MIN = 122;
    public static final int F64_MAX = 123;
    public static final int F64_COPYSIGN = 124;

    // unary conversions, roundings, clz/ctz/popcnt, abs/neg: sub-opcode = the Wasm Op ordinal
    public static final int CONVERT = 125;

    // fused forms; the additions, multiplications and and-with-constant work on the whole slot
    // (constants sign-extended), so they serve i32 (whose value is the low half) and i64 alike
    public static final int ADD_CONST = 126;
    public static final int LOCAL_GET2 = 127;
    public static final int BR_IF_I32_EQZ = 128;
    public static final int BR_IF_I32_LT_S = 129;
    public static final int BR_IF_I32_GE_S = 130;
    public static final int BR_IF_I32_NE = 131;
    public static final int BR_IF_I32_EQ = 132;
    public static final int BR_IF_I32_LT_U = 133;
    public static final int BR_IF_I32_GE_U = 134;
    public static final int BR_IF_I32_GT_S = 135;
    public static final int BR_IF_I32_LE_S = 136;
    public static final int BR_IF_I32_GT_U = 137;
    public static final int BR_IF_I32_LE_U = 138;
    public static final int ADD_LL = 139;
    public static final int ADD_LL_SET = 140;
    public static final int LOCAL_ADD_CONST_SET = 141;
    public static final int BR_IF_LL_LT_S = 142;
    public static final int BR_IF_LL_GE_S = 143;
    public static final int BR_IF_LL_LT_U = 144;
    public static final int BR_IF_LL_GE_U = 145;
    public static final int BR_IF_LL_EQ = 146;
    public static final int BR_IF_LL_NE = 147;
    public static final int LOCAL_ADD_CONST = 148;
    public static final int BR_IF_LC_LT_S = 149;
    public static final int BR_IF_LC_GE_S = 150;
    public static final int BR_IF_LC_LT_U = 151;
    public static final int BR_IF_LC_GE_U = 152;
    public static final int BR_IF_LC_EQ = 153;
    public static final int BR_IF_LC_NE = 154;
    public static final int BR_IF_SL_LT_S = 155;
    public static final int BR_IF_SL_GE_S = 156;
    public static final int BR_IF_SL_LT_U = 157;
    public static final int BR_IF_SL_GE_U = 158;
    public static final int BR_IF_SL_EQ = 159;
    public static final int BR_IF_SL_NE = 160;
    public static final int LOCAL_ADD_CONST_TEE = 161;
    public static final int ADD_LL_TEE = 162;
    public static final int AND_CONST = 163;
    public static final int I32_SHL_CONST = 164;
    public static final int I32_SHR_U_CONST = 165;
    public static final int MUL_CONST = 166;
    public static final int ADD_L = 167;
    public static final int MUL_L = 168;
    public static final int ADD_SET = 169;

    // later proposals
    /** {@code EXT subop imm*}: a cold instruction run by {@code exec.Ext} (see {@link ExtOps}). */
    public static final int EXT = 170;

    // address arithmetic and multiply-add fused into the following instruction
    public static final int LOAD_I32_ADD = 171;
    public static final int LOAD_I64_ADD = 172;
    public static final int LOAD_I32_SHL = 173;
    public static final int LOAD_I64_SHL = 174;
    public static final int F64_MUL_ADD = 175;

    // the two stack-switching instructions a generator runs per value: laid out as EXT (the
    // sub-opcode stays, for ContOps) but dispatched by the loop itself, saving Ext.run's call
    /** {@code RESUME_EXT RESUME n site clauses...}: {@code resume}, see {@code exec.ContOps.resume}. */
    public static final int RESUME_EXT = 176;
    /** {@code SUSPEND_EXT SUSPEND tag n}: {@code suspend}, see {@code exec.ContOps.suspend}. */
    public static final int SUSPEND_EXT = 177;

    // i64 comparisons fused with br_if/if (both operands from the stack), and
    // {@code local.set x (y + top)} (an addition with a local right operand, then a set)
    public static final int BR_IF_I64_EQZ = 178;
    public static final int BR_IF_I64_EQ = 179;
    public static final int BR_IF_I64_NE = 180;
    public static final int BR_IF_I64_LT_S = 181;
    public static final int BR_IF_I64_GE_S = 182;
    public static final int BR_IF_I64_GT_S = 183;
    public static final int BR_IF_I64_LE_S = 184;
    public static final int BR_IF_I64_LT_U = 185;
    public static final int BR_IF_I64_GE_U = 186;
    public static final int BR_IF_I64_GT_U = 187;
    public static final int BR_IF_I64_LE_U = 188;
    public static final int ADD_L_SET = 189;

    /** Number of internal opcodes. */
    public static final int COUNT = 190;

    /** The name of an internal opcode, for disassembly and error messages. */
    public static String name(int op) {
        Instr instr = Instr.of(op);
        return instr != null ? instr.name() : "op" + op;
    }
}
