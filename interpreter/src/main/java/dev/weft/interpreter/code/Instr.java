package dev.weft.interpreter.code;

import static dev.weft.interpreter.code.FusionPatterns.*;

import java.util.List;

/**
 * The internal instruction set of lowered code, one constant per opcode: the table the rest is
 * derived from. An opcode's number is its ordinal ({@link Opcodes} mirrors these numbers as
 * compile-time constants for the dispatch {@code switch}; {@code InstructionTableTest} holds the
 * two in step), its name is the constant's name, and its {@link #layout()} says which immediates
 * follow it in the {@code int[]} (see {@link Layout}). {@link Disassembler} reads code with it.
 *
 * <p>A {@link Kind#FUSED} opcode replaces a short sequence of Wasm instructions; its
 * {@link #patterns()} are functions (signature, then body, split by {@code |}) whose lowering must
 * emit it. {@code FusionTableTest} checks for each pattern that this opcode is emitted and that
 * the function gives the same results with fusion turned off. {@link Kind#EXT_SHAPED} opcodes
 * carry a sub-opcode ({@link ExtInstr}) and its immediates.
 */
public enum Instr {
    UNREACHABLE(Kind.PLAIN, ""),
    BR(Kind.PLAIN, "target"),
    BR_COPY(Kind.PLAIN, "target arity height"),
    BR_IF(Kind.PLAIN, "target"),
    BR_IF_COPY(Kind.PLAIN, "target arity height"),
    BR_UNLESS(Kind.PLAIN, "target"),
    BR_TABLE(Kind.PLAIN, "n (target arity height)*n+1"),
    RETURN(Kind.PLAIN, "arity"),
    RETURN_VOID(Kind.PLAIN, ""),
    RETURN_1(Kind.PLAIN, ""),
    CALL(Kind.PLAIN, "function"),
    CALL_INDIRECT(Kind.PLAIN, "type table"),
    LOCAL_GET(Kind.PLAIN, "slot"),
    LOCAL_SET(Kind.PLAIN, "slot"),
    LOCAL_TEE(Kind.PLAIN, "slot"),
    LOCAL_GET_REF(Kind.PLAIN, "slot"),
    LOCAL_SET_REF(Kind.PLAIN, "slot"),
    LOCAL_TEE_REF(Kind.PLAIN, "slot"),
    DROP(Kind.PLAIN, ""),
    DROP_REF(Kind.PLAIN, ""),
    SELECT(Kind.PLAIN, ""),
    SELECT_REF(Kind.PLAIN, ""),
    GLOBAL_GET(Kind.PLAIN, "global"),
    GLOBAL_SET(Kind.PLAIN, "global"),
    GLOBAL_GET_REF(Kind.PLAIN, "global"),
    GLOBAL_SET_REF(Kind.PLAIN, "global"),
    CONST32(Kind.PLAIN, "value"),
    CONST64(Kind.PLAIN, "hi lo"),
    REF_NULL(Kind.PLAIN, ""),
    REF_IS_NULL(Kind.PLAIN, ""),
    REF_FUNC(Kind.PLAIN, "function"),
    LOAD_I32(Kind.PLAIN, "offset"),
    LOAD_I64(Kind.PLAIN, "offset"),
    LOAD_8S(Kind.PLAIN, "offset"),
    LOAD_8U(Kind.PLAIN, "offset"),
    LOAD_16S(Kind.PLAIN, "offset"),
    LOAD_16U(Kind.PLAIN, "offset"),
    LOAD_32U(Kind.PLAIN, "offset"),
    STORE_32(Kind.PLAIN, "offset"),
    STORE_64(Kind.PLAIN, "offset"),
    STORE_8(Kind.PLAIN, "offset"),
    STORE_16(Kind.PLAIN, "offset"),
    MEM_EXT(Kind.PLAIN, "wasmOp memory offHi offLo"),
    MEMORY_FILL(Kind.PLAIN, "memory"),
    MEMORY_COPY(Kind.PLAIN, "dst src"),
    I32_EQZ(Kind.PLAIN, ""),
    I32_EQ(Kind.PLAIN, ""),
    I32_NE(Kind.PLAIN, ""),
    I32_LT_S(Kind.PLAIN, ""),
    I32_LT_U(Kind.PLAIN, ""),
    I32_GT_S(Kind.PLAIN, ""),
    I32_GT_U(Kind.PLAIN, ""),
    I32_LE_S(Kind.PLAIN, ""),
    I32_LE_U(Kind.PLAIN, ""),
    I32_GE_S(Kind.PLAIN, ""),
    I32_GE_U(Kind.PLAIN, ""),
    I32_ADD(Kind.PLAIN, ""),
    I32_SUB(Kind.PLAIN, ""),
    I32_MUL(Kind.PLAIN, ""),
    I32_DIV_S(Kind.PLAIN, ""),
    I32_DIV_U(Kind.PLAIN, ""),
    I32_REM_S(Kind.PLAIN, ""),
    I32_REM_U(Kind.PLAIN, ""),
    I32_AND(Kind.PLAIN, ""),
    I32_OR(Kind.PLAIN, ""),
    I32_XOR(Kind.PLAIN, ""),
    I32_SHL(Kind.PLAIN, ""),
    I32_SHR_S(Kind.PLAIN, ""),
    I32_SHR_U(Kind.PLAIN, ""),
    I32_ROTL(Kind.PLAIN, ""),
    I32_ROTR(Kind.PLAIN, ""),
    I64_EQZ(Kind.PLAIN, ""),
    I64_EQ(Kind.PLAIN, ""),
    I64_NE(Kind.PLAIN, ""),
    I64_LT_S(Kind.PLAIN, ""),
    I64_LT_U(Kind.PLAIN, ""),
    I64_GT_S(Kind.PLAIN, ""),
    I64_GT_U(Kind.PLAIN, ""),
    I64_LE_S(Kind.PLAIN, ""),
    I64_LE_U(Kind.PLAIN, ""),
    I64_GE_S(Kind.PLAIN, ""),
    I64_GE_U(Kind.PLAIN, ""),
    I64_ADD(Kind.PLAIN, ""),
    I64_SUB(Kind.PLAIN, ""),
    I64_MUL(Kind.PLAIN, ""),
    I64_DIV_S(Kind.PLAIN, ""),
    I64_DIV_U(Kind.PLAIN, ""),
    I64_REM_S(Kind.PLAIN, ""),
    I64_REM_U(Kind.PLAIN, ""),
    I64_AND(Kind.PLAIN, ""),
    I64_OR(Kind.PLAIN, ""),
    I64_XOR(Kind.PLAIN, ""),
    I64_SHL(Kind.PLAIN, ""),
    I64_SHR_S(Kind.PLAIN, ""),
    I64_SHR_U(Kind.PLAIN, ""),
    I64_ROTL(Kind.PLAIN, ""),
    I64_ROTR(Kind.PLAIN, ""),
    F32_EQ(Kind.PLAIN, ""),
    F32_NE(Kind.PLAIN, ""),
    F32_LT(Kind.PLAIN, ""),
    F32_GT(Kind.PLAIN, ""),
    F32_LE(Kind.PLAIN, ""),
    F32_GE(Kind.PLAIN, ""),
    F32_SQRT(Kind.PLAIN, ""),
    F32_ADD(Kind.PLAIN, ""),
    F32_SUB(Kind.PLAIN, ""),
    F32_MUL(Kind.PLAIN, ""),
    F32_DIV(Kind.PLAIN, ""),
    F32_MIN(Kind.PLAIN, ""),
    F32_MAX(Kind.PLAIN, ""),
    F32_COPYSIGN(Kind.PLAIN, ""),
    F64_EQ(Kind.PLAIN, ""),
    F64_NE(Kind.PLAIN, ""),
    F64_LT(Kind.PLAIN, ""),
    F64_GT(Kind.PLAIN, ""),
    F64_LE(Kind.PLAIN, ""),
    F64_GE(Kind.PLAIN, ""),
    F64_SQRT(Kind.PLAIN, ""),
    F64_ADD(Kind.PLAIN, ""),
    F64_SUB(Kind.PLAIN, ""),
    F64_MUL(Kind.PLAIN, ""),
    F64_DIV(Kind.PLAIN, ""),
    F64_MIN(Kind.PLAIN, ""),
    F64_MAX(Kind.PLAIN, ""),
    F64_COPYSIGN(Kind.PLAIN, ""),
    CONVERT(Kind.PLAIN, "wasmOp"),
    ADD_CONST(Kind.FUSED, "c",
            "(param i32 i32) (result i32) | (i32.add (i32.mul (local.get 0) (local.get 1)) (i32.const 7))",
            "(param i64 i64) (result i64) | (i64.add (i64.mul (local.get 0) (local.get 1)) (i64.const -7))"),
    LOCAL_GET2(Kind.FUSED, "a b",
            "(param i32 i32) (result i32) | (i32.sub (local.get 0) (local.get 1))"),
    BR_IF_I32_EQZ(Kind.FUSED, "target",
            "(param i32 i32) (result i32) | (block (br_if 0 (i32.eqz (i32.sub (local.get 0) (local.get 1)))) (return (i32.const 0))) (i32.const 1)"),
    BR_IF_I32_LT_S(Kind.FUSED, "target", branch32("lt_s", S0, S1)),
    BR_IF_I32_GE_S(Kind.FUSED, "target", branch32("ge_s", S0, S1)),
    BR_IF_I32_NE(Kind.FUSED, "target", branch32("ne", S0, S1)),
    BR_IF_I32_EQ(Kind.FUSED, "target", branch32("eq", S0, S1)),
    BR_IF_I32_LT_U(Kind.FUSED, "target", branch32("lt_u", S0, S1)),
    BR_IF_I32_GE_U(Kind.FUSED, "target", branch32("ge_u", S0, S1)),
    BR_IF_I32_GT_S(Kind.FUSED, "target", branch32("gt_s", S0, S1)),
    BR_IF_I32_LE_S(Kind.FUSED, "target", branch32("le_s", S0, S1)),
    BR_IF_I32_GT_U(Kind.FUSED, "target", branch32("gt_u", S0, S1)),
    BR_IF_I32_LE_U(Kind.FUSED, "target", branch32("le_u", S0, S1)),
    ADD_LL(Kind.FUSED, "a b",
            "(param i32 i32) (result i32) | (i32.add (local.get 0) (local.get 1))",
            "(param i64 i64) (result i64) | (i64.add (local.get 0) (local.get 1))"),
    ADD_LL_SET(Kind.FUSED, "dst a b",
            "(param i32 i32) (result i32) (local i32) | (local.set 2 (i32.add (local.get 0) (local.get 1))) (local.get 2)"),
    LOCAL_ADD_CONST_SET(Kind.FUSED, "dst src c",
            "(param i32 i32) (result i32) (local i32) | (local.set 2 (i32.add (local.get 0) (i32.const 5))) (local.get 2)",
            "(param i64 i64) (result i64) (local i64) | (local.set 2 (i64.sub (local.get 0) (i64.const 5))) (local.get 2)"),
    BR_IF_LL_LT_S(Kind.FUSED, "a b target", branch32("lt_s", L0, L1)),
    BR_IF_LL_GE_S(Kind.FUSED, "a b target", branch32("ge_s", L0, L1)),
    BR_IF_LL_LT_U(Kind.FUSED, "a b target", branch32("lt_u", L0, L1)),
    BR_IF_LL_GE_U(Kind.FUSED, "a b target", branch32("ge_u", L0, L1)),
    BR_IF_LL_EQ(Kind.FUSED, "a b target", branch32("eq", L0, L1)),
    BR_IF_LL_NE(Kind.FUSED, "a b target", branch32("ne", L0, L1)),
    LOCAL_ADD_CONST(Kind.FUSED, "slot c",
            "(param i32 i32) (result i32) | (i32.add (local.get 0) (i32.const 5))",
            "(param i64 i64) (result i64) | (i64.add (local.get 0) (i64.const 2147483647))"),
    BR_IF_LC_LT_S(Kind.FUSED, "slot c target", branch32("lt_s", L0, C7)),
    BR_IF_LC_GE_S(Kind.FUSED, "slot c target", branch32("ge_s", L0, C7), branch32("gt_s", L0, C7)),
    BR_IF_LC_LT_U(Kind.FUSED, "slot c target", branch32("lt_u", L0, C7)),
    BR_IF_LC_GE_U(Kind.FUSED, "slot c target", branch32("ge_u", L0, C7)),
    BR_IF_LC_EQ(Kind.FUSED, "slot c target", branch32("eq", L0, C7),
            "(param i32 i32) (result i32) | (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 0)))"),
    BR_IF_LC_NE(Kind.FUSED, "slot c target", branch32("ne", L0, C7),
            "(param i32 i32) (result i32) | (block (br_if 0 (local.get 0)) (return (i32.const 0))) (i32.const 1)"),
    BR_IF_SL_LT_S(Kind.FUSED, "slot target", branch32("lt_s", S0, L1)),
    BR_IF_SL_GE_S(Kind.FUSED, "slot target", branch32("ge_s", S0, L1)),
    BR_IF_SL_LT_U(Kind.FUSED, "slot target", branch32("lt_u", S0, L1)),
    BR_IF_SL_GE_U(Kind.FUSED, "slot target", branch32("ge_u", S0, L1)),
    BR_IF_SL_EQ(Kind.FUSED, "slot target", branch32("eq", S0, L1)),
    BR_IF_SL_NE(Kind.FUSED, "slot target", branch32("ne", S0, L1)),
    LOCAL_ADD_CONST_TEE(Kind.FUSED, "dst src c",
            "(param i32 i32) (result i32) (local i32) | (i32.mul (local.tee 2 (i32.add (local.get 0) (i32.const 5))) (local.get 2))"),
    ADD_LL_TEE(Kind.FUSED, "dst a b",
            "(param i32 i32) (result i32) (local i32) | (i32.mul (local.tee 2 (i32.add (local.get 0) (local.get 1))) (local.get 2))"),
    AND_CONST(Kind.FUSED, "c",
            "(param i32 i32) (result i32) | (i32.and (i32.sub (local.get 0) (local.get 1)) (i32.const 0xff0f))",
            "(param i64 i64) (result i64) | (i64.and (i64.sub (local.get 0) (local.get 1)) (i64.const -256))"),
    I32_SHL_CONST(Kind.FUSED, "c",
            "(param i32 i32) (result i32) | (i32.shl (local.get 0) (i32.const 35))"),
    I32_SHR_U_CONST(Kind.FUSED, "c",
            "(param i32 i32) (result i32) | (i32.shr_u (local.get 0) (i32.const 3))"),
    MUL_CONST(Kind.FUSED, "c",
            "(param i32 i32) (result i32) | (i32.mul (local.get 0) (i32.const -3))",
            "(param i64 i64) (result i64) | (i64.mul (local.get 0) (i64.const 1000003))"),
    ADD_L(Kind.FUSED, "slot",
            "(param i32 i32) (result i32) | (i32.add (i32.sub (local.get 0) (local.get 1)) (local.get 1))",
            "(param i64 i64) (result i64) | (i64.add (i64.sub (local.get 0) (local.get 1)) (local.get 0))"),
    MUL_L(Kind.FUSED, "slot",
            "(param i32 i32) (result i32) | (i32.mul (i32.sub (local.get 0) (local.get 1)) (local.get 1))",
            "(param i64 i64) (result i64) | (i64.mul (i64.sub (local.get 0) (local.get 1)) (local.get 0))"),
    ADD_SET(Kind.FUSED, "slot",
            "(param i32 i32) (result i32) (local i32) | (local.set 2 (i32.add (i32.sub (local.get 0) (local.get 1)) (i32.sub (local.get 1) (local.get 0)))) (local.get 2)"),
    EXT(Kind.EXT_SHAPED, "subop ext"),
    LOAD_I32_ADD(Kind.FUSED, "offset",
            "(param i32 i32) (result i32) | (i32.load offset=4 (i32.add (i32.and (local.get 0) (i32.const 15)) (i32.and (local.get 1) (i32.const 15))))"),
    LOAD_I64_ADD(Kind.FUSED, "offset",
            "(param i32 i32) (result i64) | (i64.load offset=1 (i32.add (i32.and (local.get 0) (i32.const 15)) (i32.and (local.get 1) (i32.const 15))))"),
    LOAD_I32_SHL(Kind.FUSED, "shift offset",
            "(param i32 i32) (result i32) | (i32.load offset=2 (i32.shl (i32.and (local.get 0) (i32.const 7)) (i32.const 2)))"),
    LOAD_I64_SHL(Kind.FUSED, "shift offset",
            "(param i32 i32) (result i64) | (i64.load (i32.shl (i32.and (local.get 1) (i32.const 7)) (i32.const 3)))"),
    F64_MUL_ADD(Kind.FUSED, "",
            "(param f64 f64) (result f64) | (f64.add (local.get 0) (f64.mul (local.get 1) (local.get 1)))"),
    RESUME_EXT(Kind.EXT_SHAPED, "subop ext"),
    SUSPEND_EXT(Kind.EXT_SHAPED, "subop ext"),
    BR_IF_I64_EQZ(Kind.FUSED, "target",
            "(param i64 i64) (result i32) | (block (br_if 0 (i64.eqz (local.get 0))) (return (i32.const 0))) (i32.const 1)"),
    BR_IF_I64_EQ(Kind.FUSED, "target", branch64("eq", L0 + " " + L1)),
    BR_IF_I64_NE(Kind.FUSED, "target", branch64("ne", L0 + " " + L1)),
    BR_IF_I64_LT_S(Kind.FUSED, "target", branch64("lt_s", L0 + " " + L1)),
    BR_IF_I64_GE_S(Kind.FUSED, "target", branch64("ge_s", L0 + " " + L1)),
    BR_IF_I64_GT_S(Kind.FUSED, "target", branch64("gt_s", L0 + " " + L1)),
    BR_IF_I64_LE_S(Kind.FUSED, "target", branch64("le_s", L0 + " " + L1)),
    BR_IF_I64_LT_U(Kind.FUSED, "target", branch64("lt_u", L0 + " " + L1)),
    BR_IF_I64_GE_U(Kind.FUSED, "target", branch64("ge_u", L0 + " " + L1),
            "(param i64 i64) (result i32) | (if (result i32) (i64.lt_u (local.get 0) (local.get 1)) (then (i32.const 1)) (else (i32.const 0)))"),
    BR_IF_I64_GT_U(Kind.FUSED, "target", branch64("gt_u", L0 + " " + L1)),
    BR_IF_I64_LE_U(Kind.FUSED, "target", branch64("le_u", L0 + " " + L1)),
    ADD_L_SET(Kind.FUSED, "dst slot",
            "(param i32 i32) (result i32) (local i32) | (local.set 2 (i32.add (i32.sub (local.get 0) (local.get 1)) (local.get 1))) (local.get 2)");
    /** How an opcode reaches the dispatch loop. */
    public enum Kind {
        /** One Wasm instruction (or a family sharing one implementation). */
        PLAIN,
        /** A fused form replacing a sequence of Wasm instructions. */
        FUSED,
        /** {@code op subop imm*}: an {@link ExtInstr} run through {@code Ext} or the loop itself. */
        EXT_SHAPED
    }

    private static final Instr[] ALL = values();

    private final Kind kind;
    private final Layout layout;
    private final List<String> patterns;

    Instr(Kind kind, String layout, String... patterns) {
        this.kind = kind;
        this.layout = Layout.parse(layout);
        this.patterns = List.of(patterns);
    }

    /** The opcode with number {@code op}, or null outside the table. */
    public static Instr of(int op) {
        return op >= 0 && op < ALL.length ? ALL[op] : null;
    }

    /** The number of opcodes. */
    public static int count() {
        return ALL.length;
    }

    public Kind kind() {
        return kind;
    }

    /** The immediates that follow the opcode (for EXT-shaped ones: the sub-opcode, then its layout). */
    public Layout layout() {
        return layout;
    }

    /** For a fused opcode: functions ({@code signature | body}) whose lowering emits it. */
    public List<String> patterns() {
        return patterns;
    }
}
