package dev.weft.interpreter.exec;

/**
 * The internal opcodes of lowered code (not the Wasm bytes). Numbered densely from 0 so the
 * dispatch {@code switch} compiles to a {@code tableswitch}. Immediates follow the opcode in the
 * {@code int[]}; their layout is given in {@link Lowerer} and {@link Interpreter}.
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

    // tables
    static final int TABLE_GET = 31;
    static final int TABLE_SET = 32;
    static final int TABLE_SIZE = 33;
    static final int TABLE_GROW = 34;
    static final int TABLE_FILL = 35;
    static final int TABLE_COPY = 36;
    static final int TABLE_INIT = 37;
    static final int ELEM_DROP = 38;

    // memory 0 with 32-bit addresses (hot); everything else through MEM_EXT
    static final int LOAD_I32 = 39;
    static final int LOAD_I64 = 40;
    static final int LOAD_8S = 41;
    static final int LOAD_8U = 42;
    static final int LOAD_16S = 43;
    static final int LOAD_16U = 44;
    static final int LOAD_32U = 45;
    static final int STORE_32 = 46;
    static final int STORE_64 = 47;
    static final int STORE_8 = 48;
    static final int STORE_16 = 49;
    static final int MEM_EXT = 50;
    static final int MEMORY_SIZE = 51;
    static final int MEMORY_GROW = 52;
    static final int MEMORY_FILL = 53;
    static final int MEMORY_COPY = 54;
    static final int MEMORY_INIT = 55;
    static final int DATA_DROP = 56;

    // i32
    static final int I32_EQZ = 57;
    static final int I32_EQ = 58;
    static final int I32_NE = 59;
    static final int I32_LT_S = 60;
    static final int I32_LT_U = 61;
    static final int I32_GT_S = 62;
    static final int I32_GT_U = 63;
    static final int I32_LE_S = 64;
    static final int I32_LE_U = 65;
    static final int I32_GE_S = 66;
    static final int I32_GE_U = 67;
    static final int I32_ADD = 68;
    static final int I32_SUB = 69;
    static final int I32_MUL = 70;
    static final int I32_DIV_S = 71;
    static final int I32_DIV_U = 72;
    static final int I32_REM_S = 73;
    static final int I32_REM_U = 74;
    static final int I32_AND = 75;
    static final int I32_OR = 76;
    static final int I32_XOR = 77;
    static final int I32_SHL = 78;
    static final int I32_SHR_S = 79;
    static final int I32_SHR_U = 80;
    static final int I32_ROTL = 81;
    static final int I32_ROTR = 82;

    // i64
    static final int I64_EQZ = 83;
    static final int I64_EQ = 84;
    static final int I64_NE = 85;
    static final int I64_LT_S = 86;
    static final int I64_LT_U = 87;
    static final int I64_GT_S = 88;
    static final int I64_GT_U = 89;
    static final int I64_LE_S = 90;
    static final int I64_LE_U = 91;
    static final int I64_GE_S = 92;
    static final int I64_GE_U = 93;
    static final int I64_ADD = 94;
    static final int I64_SUB = 95;
    static final int I64_MUL = 96;
    static final int I64_DIV_S = 97;
    static final int I64_DIV_U = 98;
    static final int I64_REM_S = 99;
    static final int I64_REM_U = 100;
    static final int I64_AND = 101;
    static final int I64_OR = 102;
    static final int I64_XOR = 103;
    static final int I64_SHL = 104;
    static final int I64_SHR_S = 105;
    static final int I64_SHR_U = 106;
    static final int I64_ROTL = 107;
    static final int I64_ROTR = 108;

    // f32 (raw int bits in the low half of a slot); abs/neg go through CONVERT
    static final int F32_EQ = 109;
    static final int F32_NE = 110;
    static final int F32_LT = 111;
    static final int F32_GT = 112;
    static final int F32_LE = 113;
    static final int F32_GE = 114;
    static final int F32_SQRT = 115;
    static final int F32_ADD = 116;
    static final int F32_SUB = 117;
    static final int F32_MUL = 118;
    static final int F32_DIV = 119;
    static final int F32_MIN = 120;
    static final int F32_MAX = 121;
    static final int F32_COPYSIGN = 122;

    // f64
    static final int F64_EQ = 123;
    static final int F64_NE = 124;
    static final int F64_LT = 125;
    static final int F64_GT = 126;
    static final int F64_LE = 127;
    static final int F64_GE = 128;
    static final int F64_SQRT = 129;
    static final int F64_ADD = 130;
    static final int F64_SUB = 131;
    static final int F64_MUL = 132;
    static final int F64_DIV = 133;
    static final int F64_MIN = 134;
    static final int F64_MAX = 135;
    static final int F64_COPYSIGN = 136;

    // unary conversions, roundings, clz/ctz/popcnt, abs/neg: sub-opcode = the Wasm Op ordinal
    static final int CONVERT = 137;

    // fused forms
    static final int I32_ADD_CONST = 138;
    static final int LOCAL_GET2 = 139;
    static final int BR_IF_I32_EQZ = 140;
    static final int BR_IF_I32_LT_S = 141;
    static final int BR_IF_I32_GE_S = 142;
    static final int BR_IF_I32_NE = 143;
    static final int BR_IF_I32_EQ = 144;
    static final int BR_IF_I32_LT_U = 145;
    static final int BR_IF_I32_GE_U = 146;
    static final int BR_IF_I32_GT_S = 147;
    static final int BR_IF_I32_LE_S = 148;
    static final int BR_IF_I32_GT_U = 149;
    static final int BR_IF_I32_LE_U = 150;
    static final int I32_ADD_LL = 151;
    static final int I32_ADD_LL_SET = 152;
    static final int LOCAL_ADD_CONST_SET = 153;
    static final int BR_IF_LL_LT_S = 154;
    static final int BR_IF_LL_GE_S = 155;
    static final int BR_IF_LL_LT_U = 156;
    static final int BR_IF_LL_GE_U = 157;
    static final int BR_IF_LL_EQ = 158;
    static final int BR_IF_LL_NE = 159;
    static final int LOCAL_ADD_CONST = 160;
    static final int BR_IF_LC_LT_S = 161;
    static final int BR_IF_LC_GE_S = 162;
    static final int BR_IF_LC_LT_U = 163;
    static final int BR_IF_LC_GE_U = 164;
    static final int BR_IF_LC_EQ = 165;
    static final int BR_IF_LC_NE = 166;
    static final int BR_IF_SL_LT_S = 167;
    static final int BR_IF_SL_GE_S = 168;
    static final int BR_IF_SL_LT_U = 169;
    static final int BR_IF_SL_GE_U = 170;
    static final int BR_IF_SL_EQ = 171;
    static final int BR_IF_SL_NE = 172;
    static final int LOCAL_ADD_CONST_TEE = 173;
    static final int I32_ADD_LL_TEE = 174;
    static final int I32_AND_CONST = 175;
    static final int I32_SHL_CONST = 176;
    static final int I32_SHR_U_CONST = 177;
    static final int I32_MUL_CONST = 178;
    static final int I32_ADD_L = 179;
    static final int I32_MUL_L = 180;
    static final int I32_ADD_SET = 181;

    // later proposals
    /** {@code EXT subop imm*}: a cold instruction run by {@link Ext} (see {@link ExtOps}). */
    static final int EXT = 182;

    // address arithmetic and multiply-add fused into the following instruction
    static final int LOAD_I32_ADD = 183;
    static final int LOAD_I64_ADD = 184;
    static final int LOAD_I32_SHL = 185;
    static final int LOAD_I64_SHL = 186;
    static final int F64_MUL_ADD = 187;

    // the two stack-switching instructions a generator runs per value: laid out as EXT (the
    // sub-opcode stays, for ContOps) but dispatched by the loop itself, saving Ext.run's call
    /** {@code RESUME_EXT RESUME n site clauses...}: {@code resume}, see {@link ContOps#resume}. */
    static final int RESUME_EXT = 188;
    /** {@code SUSPEND_EXT SUSPEND tag n}: {@code suspend}, see {@link ContOps#suspend}. */
    static final int SUSPEND_EXT = 189;

    /** Number of internal opcodes. */
    static final int COUNT = 190;

    private static final String[] NAMES = {
        "UNREACHABLE", "BR", "BR_COPY", "BR_IF", "BR_IF_COPY", "BR_UNLESS",
        "BR_TABLE", "RETURN", "RETURN_VOID", "RETURN_1", "CALL", "CALL_INDIRECT",
        "LOCAL_GET", "LOCAL_SET", "LOCAL_TEE", "LOCAL_GET_REF", "LOCAL_SET_REF", "LOCAL_TEE_REF",
        "DROP", "DROP_REF", "SELECT", "SELECT_REF", "GLOBAL_GET", "GLOBAL_SET",
        "GLOBAL_GET_REF", "GLOBAL_SET_REF", "CONST32", "CONST64", "REF_NULL", "REF_IS_NULL",
        "REF_FUNC", "TABLE_GET", "TABLE_SET", "TABLE_SIZE", "TABLE_GROW", "TABLE_FILL",
        "TABLE_COPY", "TABLE_INIT", "ELEM_DROP", "LOAD_I32", "LOAD_I64", "LOAD_8S",
        "LOAD_8U", "LOAD_16S", "LOAD_16U", "LOAD_32U", "STORE_32", "STORE_64",
        "STORE_8", "STORE_16", "MEM_EXT", "MEMORY_SIZE", "MEMORY_GROW", "MEMORY_FILL",
        "MEMORY_COPY", "MEMORY_INIT", "DATA_DROP", "I32_EQZ", "I32_EQ", "I32_NE",
        "I32_LT_S", "I32_LT_U", "I32_GT_S", "I32_GT_U", "I32_LE_S", "I32_LE_U",
        "I32_GE_S", "I32_GE_U", "I32_ADD", "I32_SUB", "I32_MUL", "I32_DIV_S",
        "I32_DIV_U", "I32_REM_S", "I32_REM_U", "I32_AND", "I32_OR", "I32_XOR",
        "I32_SHL", "I32_SHR_S", "I32_SHR_U", "I32_ROTL", "I32_ROTR", "I64_EQZ",
        "I64_EQ", "I64_NE", "I64_LT_S", "I64_LT_U", "I64_GT_S", "I64_GT_U",
        "I64_LE_S", "I64_LE_U", "I64_GE_S", "I64_GE_U", "I64_ADD", "I64_SUB",
        "I64_MUL", "I64_DIV_S", "I64_DIV_U", "I64_REM_S", "I64_REM_U", "I64_AND",
        "I64_OR", "I64_XOR", "I64_SHL", "I64_SHR_S", "I64_SHR_U", "I64_ROTL",
        "I64_ROTR", "F32_EQ", "F32_NE", "F32_LT", "F32_GT", "F32_LE",
        "F32_GE", "F32_SQRT", "F32_ADD", "F32_SUB", "F32_MUL", "F32_DIV",
        "F32_MIN", "F32_MAX", "F32_COPYSIGN", "F64_EQ", "F64_NE", "F64_LT",
        "F64_GT", "F64_LE", "F64_GE", "F64_SQRT", "F64_ADD", "F64_SUB",
        "F64_MUL", "F64_DIV", "F64_MIN", "F64_MAX", "F64_COPYSIGN", "CONVERT",
        "I32_ADD_CONST", "LOCAL_GET2", "BR_IF_I32_EQZ", "BR_IF_I32_LT_S", "BR_IF_I32_GE_S", "BR_IF_I32_NE",
        "BR_IF_I32_EQ", "BR_IF_I32_LT_U", "BR_IF_I32_GE_U", "BR_IF_I32_GT_S", "BR_IF_I32_LE_S", "BR_IF_I32_GT_U",
        "BR_IF_I32_LE_U", "I32_ADD_LL", "I32_ADD_LL_SET", "LOCAL_ADD_CONST_SET", "BR_IF_LL_LT_S", "BR_IF_LL_GE_S",
        "BR_IF_LL_LT_U", "BR_IF_LL_GE_U", "BR_IF_LL_EQ", "BR_IF_LL_NE", "LOCAL_ADD_CONST", "BR_IF_LC_LT_S",
        "BR_IF_LC_GE_S", "BR_IF_LC_LT_U", "BR_IF_LC_GE_U", "BR_IF_LC_EQ", "BR_IF_LC_NE", "BR_IF_SL_LT_S",
        "BR_IF_SL_GE_S", "BR_IF_SL_LT_U", "BR_IF_SL_GE_U", "BR_IF_SL_EQ", "BR_IF_SL_NE", "LOCAL_ADD_CONST_TEE",
        "I32_ADD_LL_TEE",
        "I32_AND_CONST", "I32_SHL_CONST", "I32_SHR_U_CONST", "I32_MUL_CONST",
        "I32_ADD_L", "I32_MUL_L",
        "I32_ADD_SET", "EXT",
        "LOAD_I32_ADD", "LOAD_I64_ADD", "LOAD_I32_SHL", "LOAD_I64_SHL", "F64_MUL_ADD",
        "RESUME_EXT", "SUSPEND_EXT",
    };

    /** The name of an internal opcode, for disassembly and error messages. */
    static String name(int op) {
        return op >= 0 && op < NAMES.length ? NAMES[op] : "op" + op;
    }
}
