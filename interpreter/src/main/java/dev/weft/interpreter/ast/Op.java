package dev.weft.interpreter.ast;

import java.util.HashMap;
import java.util.Map;

/**
 * The opcode table: every instruction's text mnemonic, binary code and immediate shape, in one
 * place. Prefixed opcodes carry the prefix in the high byte: {@code 0xFC0A} is
 * {@code memory.copy} ({@code 0xFC} followed by LEB128 {@code 10}). Two mnemonics have two
 * encodings: {@code select} with a type list is {@link #SELECT_TYPED}, and {@code ref.test} /
 * {@code ref.cast} with a nullable target are {@link #REF_TEST_NULL} / {@link #REF_CAST_NULL}.
 */
public enum Op {
    UNREACHABLE("unreachable", 0x00, Imm.NONE),
    NOP("nop", 0x01, Imm.NONE),
    BLOCK("block", 0x02, Imm.BLOCK),
    LOOP("loop", 0x03, Imm.BLOCK),
    IF("if", 0x04, Imm.BLOCK),
    ELSE("else", 0x05, Imm.NONE),
    THROW("throw", 0x08, Imm.TAG),
    THROW_REF("throw_ref", 0x0A, Imm.NONE),
    END("end", 0x0B, Imm.NONE),
    BR("br", 0x0C, Imm.LABEL),
    BR_IF("br_if", 0x0D, Imm.LABEL),
    BR_TABLE("br_table", 0x0E, Imm.BR_TABLE),
    RETURN("return", 0x0F, Imm.NONE),
    CALL("call", 0x10, Imm.FUNC),
    CALL_INDIRECT("call_indirect", 0x11, Imm.TYPE_TABLE),
    RETURN_CALL("return_call", 0x12, Imm.FUNC),
    RETURN_CALL_INDIRECT("return_call_indirect", 0x13, Imm.TYPE_TABLE),
    CALL_REF("call_ref", 0x14, Imm.TYPE),
    RETURN_CALL_REF("return_call_ref", 0x15, Imm.TYPE),
    DROP("drop", 0x1A, Imm.NONE),
    SELECT("select", 0x1B, Imm.NONE),
    SELECT_TYPED("select", 0x1C, Imm.SELECT_TYPES),
    TRY_TABLE("try_table", 0x1F, Imm.TRY_TABLE),
    LOCAL_GET("local.get", 0x20, Imm.LOCAL),
    LOCAL_SET("local.set", 0x21, Imm.LOCAL),
    LOCAL_TEE("local.tee", 0x22, Imm.LOCAL),
    GLOBAL_GET("global.get", 0x23, Imm.GLOBAL),
    GLOBAL_SET("global.set", 0x24, Imm.GLOBAL),
    TABLE_GET("table.get", 0x25, Imm.TABLE),
    TABLE_SET("table.set", 0x26, Imm.TABLE),
    I32_LOAD("i32.load", 0x28, Imm.MEMARG),
    I64_LOAD("i64.load", 0x29, Imm.MEMARG),
    F32_LOAD("f32.load", 0x2A, Imm.MEMARG),
    F64_LOAD("f64.load", 0x2B, Imm.MEMARG),
    I32_LOAD8_S("i32.load8_s", 0x2C, Imm.MEMARG),
    I32_LOAD8_U("i32.load8_u", 0x2D, Imm.MEMARG),
    I32_LOAD16_S("i32.load16_s", 0x2E, Imm.MEMARG),
    I32_LOAD16_U("i32.load16_u", 0x2F, Imm.MEMARG),
    I64_LOAD8_S("i64.load8_s", 0x30, Imm.MEMARG),
    I64_LOAD8_U("i64.load8_u", 0x31, Imm.MEMARG),
    I64_LOAD16_S("i64.load16_s", 0x32, Imm.MEMARG),
    I64_LOAD16_U("i64.load16_u", 0x33, Imm.MEMARG),
    I64_LOAD32_S("i64.load32_s", 0x34, Imm.MEMARG),
    I64_LOAD32_U("i64.load32_u", 0x35, Imm.MEMARG),
    I32_STORE("i32.store", 0x36, Imm.MEMARG),
    I64_STORE("i64.store", 0x37, Imm.MEMARG),
    F32_STORE("f32.store", 0x38, Imm.MEMARG),
    F64_STORE("f64.store", 0x39, Imm.MEMARG),
    I32_STORE8("i32.store8", 0x3A, Imm.MEMARG),
    I32_STORE16("i32.store16", 0x3B, Imm.MEMARG),
    I64_STORE8("i64.store8", 0x3C, Imm.MEMARG),
    I64_STORE16("i64.store16", 0x3D, Imm.MEMARG),
    I64_STORE32("i64.store32", 0x3E, Imm.MEMARG),
    MEMORY_SIZE("memory.size", 0x3F, Imm.MEMORY),
    MEMORY_GROW("memory.grow", 0x40, Imm.MEMORY),
    I32_CONST("i32.const", 0x41, Imm.I32),
    I64_CONST("i64.const", 0x42, Imm.I64),
    F32_CONST("f32.const", 0x43, Imm.F32),
    F64_CONST("f64.const", 0x44, Imm.F64),
    I32_EQZ("i32.eqz", 0x45, Imm.NONE),
    I32_EQ("i32.eq", 0x46, Imm.NONE),
    I32_NE("i32.ne", 0x47, Imm.NONE),
    I32_LT_S("i32.lt_s", 0x48, Imm.NONE),
    I32_LT_U("i32.lt_u", 0x49, Imm.NONE),
    I32_GT_S("i32.gt_s", 0x4A, Imm.NONE),
    I32_GT_U("i32.gt_u", 0x4B, Imm.NONE),
    I32_LE_S("i32.le_s", 0x4C, Imm.NONE),
    I32_LE_U("i32.le_u", 0x4D, Imm.NONE),
    I32_GE_S("i32.ge_s", 0x4E, Imm.NONE),
    I32_GE_U("i32.ge_u", 0x4F, Imm.NONE),
    I64_EQZ("i64.eqz", 0x50, Imm.NONE),
    I64_EQ("i64.eq", 0x51, Imm.NONE),
    I64_NE("i64.ne", 0x52, Imm.NONE),
    I64_LT_S("i64.lt_s", 0x53, Imm.NONE),
    I64_LT_U("i64.lt_u", 0x54, Imm.NONE),
    I64_GT_S("i64.gt_s", 0x55, Imm.NONE),
    I64_GT_U("i64.gt_u", 0x56, Imm.NONE),
    I64_LE_S("i64.le_s", 0x57, Imm.NONE),
    I64_LE_U("i64.le_u", 0x58, Imm.NONE),
    I64_GE_S("i64.ge_s", 0x59, Imm.NONE),
    I64_GE_U("i64.ge_u", 0x5A, Imm.NONE),
    F32_EQ("f32.eq", 0x5B, Imm.NONE),
    F32_NE("f32.ne", 0x5C, Imm.NONE),
    F32_LT("f32.lt", 0x5D, Imm.NONE),
    F32_GT("f32.gt", 0x5E, Imm.NONE),
    F32_LE("f32.le", 0x5F, Imm.NONE),
    F32_GE("f32.ge", 0x60, Imm.NONE),
    F64_EQ("f64.eq", 0x61, Imm.NONE),
    F64_NE("f64.ne", 0x62, Imm.NONE),
    F64_LT("f64.lt", 0x63, Imm.NONE),
    F64_GT("f64.gt", 0x64, Imm.NONE),
    F64_LE("f64.le", 0x65, Imm.NONE),
    F64_GE("f64.ge", 0x66, Imm.NONE),
    I32_CLZ("i32.clz", 0x67, Imm.NONE),
    I32_CTZ("i32.ctz", 0x68, Imm.NONE),
    I32_POPCNT("i32.popcnt", 0x69, Imm.NONE),
    I32_ADD("i32.add", 0x6A, Imm.NONE),
    I32_SUB("i32.sub", 0x6B, Imm.NONE),
    I32_MUL("i32.mul", 0x6C, Imm.NONE),
    I32_DIV_S("i32.div_s", 0x6D, Imm.NONE),
    I32_DIV_U("i32.div_u", 0x6E, Imm.NONE),
    I32_REM_S("i32.rem_s", 0x6F, Imm.NONE),
    I32_REM_U("i32.rem_u", 0x70, Imm.NONE),
    I32_AND("i32.and", 0x71, Imm.NONE),
    I32_OR("i32.or", 0x72, Imm.NONE),
    I32_XOR("i32.xor", 0x73, Imm.NONE),
    I32_SHL("i32.shl", 0x74, Imm.NONE),
    I32_SHR_S("i32.shr_s", 0x75, Imm.NONE),
    I32_SHR_U("i32.shr_u", 0x76, Imm.NONE),
    I32_ROTL("i32.rotl", 0x77, Imm.NONE),
    I32_ROTR("i32.rotr", 0x78, Imm.NONE),
    I64_CLZ("i64.clz", 0x79, Imm.NONE),
    I64_CTZ("i64.ctz", 0x7A, Imm.NONE),
    I64_POPCNT("i64.popcnt", 0x7B, Imm.NONE),
    I64_ADD("i64.add", 0x7C, Imm.NONE),
    I64_SUB("i64.sub", 0x7D, Imm.NONE),
    I64_MUL("i64.mul", 0x7E, Imm.NONE),
    I64_DIV_S("i64.div_s", 0x7F, Imm.NONE),
    I64_DIV_U("i64.div_u", 0x80, Imm.NONE),
    I64_REM_S("i64.rem_s", 0x81, Imm.NONE),
    I64_REM_U("i64.rem_u", 0x82, Imm.NONE),
    I64_AND("i64.and", 0x83, Imm.NONE),
    I64_OR("i64.or", 0x84, Imm.NONE),
    I64_XOR("i64.xor", 0x85, Imm.NONE),
    I64_SHL("i64.shl", 0x86, Imm.NONE),
    I64_SHR_S("i64.shr_s", 0x87, Imm.NONE),
    I64_SHR_U("i64.shr_u", 0x88, Imm.NONE),
    I64_ROTL("i64.rotl", 0x89, Imm.NONE),
    I64_ROTR("i64.rotr", 0x8A, Imm.NONE),
    F32_ABS("f32.abs", 0x8B, Imm.NONE),
    F32_NEG("f32.neg", 0x8C, Imm.NONE),
    F32_CEIL("f32.ceil", 0x8D, Imm.NONE),
    F32_FLOOR("f32.floor", 0x8E, Imm.NONE),
    F32_TRUNC("f32.trunc", 0x8F, Imm.NONE),
    F32_NEAREST("f32.nearest", 0x90, Imm.NONE),
    F32_SQRT("f32.sqrt", 0x91, Imm.NONE),
    F32_ADD("f32.add", 0x92, Imm.NONE),
    F32_SUB("f32.sub", 0x93, Imm.NONE),
    F32_MUL("f32.mul", 0x94, Imm.NONE),
    F32_DIV("f32.div", 0x95, Imm.NONE),
    F32_MIN("f32.min", 0x96, Imm.NONE),
    F32_MAX("f32.max", 0x97, Imm.NONE),
    F32_COPYSIGN("f32.copysign", 0x98, Imm.NONE),
    F64_ABS("f64.abs", 0x99, Imm.NONE),
    F64_NEG("f64.neg", 0x9A, Imm.NONE),
    F64_CEIL("f64.ceil", 0x9B, Imm.NONE),
    F64_FLOOR("f64.floor", 0x9C, Imm.NONE),
    F64_TRUNC("f64.trunc", 0x9D, Imm.NONE),
    F64_NEAREST("f64.nearest", 0x9E, Imm.NONE),
    F64_SQRT("f64.sqrt", 0x9F, Imm.NONE),
    F64_ADD("f64.add", 0xA0, Imm.NONE),
    F64_SUB("f64.sub", 0xA1, Imm.NONE),
    F64_MUL("f64.mul", 0xA2, Imm.NONE),
    F64_DIV("f64.div", 0xA3, Imm.NONE),
    F64_MIN("f64.min", 0xA4, Imm.NONE),
    F64_MAX("f64.max", 0xA5, Imm.NONE),
    F64_COPYSIGN("f64.copysign", 0xA6, Imm.NONE),
    I32_WRAP_I64("i32.wrap_i64", 0xA7, Imm.NONE),
    I32_TRUNC_F32_S("i32.trunc_f32_s", 0xA8, Imm.NONE),
    I32_TRUNC_F32_U("i32.trunc_f32_u", 0xA9, Imm.NONE),
    I32_TRUNC_F64_S("i32.trunc_f64_s", 0xAA, Imm.NONE),
    I32_TRUNC_F64_U("i32.trunc_f64_u", 0xAB, Imm.NONE),
    I64_EXTEND_I32_S("i64.extend_i32_s", 0xAC, Imm.NONE),
    I64_EXTEND_I32_U("i64.extend_i32_u", 0xAD, Imm.NONE),
    I64_TRUNC_F32_S("i64.trunc_f32_s", 0xAE, Imm.NONE),
    I64_TRUNC_F32_U("i64.trunc_f32_u", 0xAF, Imm.NONE),
    I64_TRUNC_F64_S("i64.trunc_f64_s", 0xB0, Imm.NONE),
    I64_TRUNC_F64_U("i64.trunc_f64_u", 0xB1, Imm.NONE),
    F32_CONVERT_I32_S("f32.convert_i32_s", 0xB2, Imm.NONE),
    F32_CONVERT_I32_U("f32.convert_i32_u", 0xB3, Imm.NONE),
    F32_CONVERT_I64_S("f32.convert_i64_s", 0xB4, Imm.NONE),
    F32_CONVERT_I64_U("f32.convert_i64_u", 0xB5, Imm.NONE),
    F32_DEMOTE_F64("f32.demote_f64", 0xB6, Imm.NONE),
    F64_CONVERT_I32_S("f64.convert_i32_s", 0xB7, Imm.NONE),
    F64_CONVERT_I32_U("f64.convert_i32_u", 0xB8, Imm.NONE),
    F64_CONVERT_I64_S("f64.convert_i64_s", 0xB9, Imm.NONE),
    F64_CONVERT_I64_U("f64.convert_i64_u", 0xBA, Imm.NONE),
    F64_PROMOTE_F32("f64.promote_f32", 0xBB, Imm.NONE),
    I32_REINTERPRET_F32("i32.reinterpret_f32", 0xBC, Imm.NONE),
    I64_REINTERPRET_F64("i64.reinterpret_f64", 0xBD, Imm.NONE),
    F32_REINTERPRET_I32("f32.reinterpret_i32", 0xBE, Imm.NONE),
    F64_REINTERPRET_I64("f64.reinterpret_i64", 0xBF, Imm.NONE),
    I32_EXTEND8_S("i32.extend8_s", 0xC0, Imm.NONE),
    I32_EXTEND16_S("i32.extend16_s", 0xC1, Imm.NONE),
    I64_EXTEND8_S("i64.extend8_s", 0xC2, Imm.NONE),
    I64_EXTEND16_S("i64.extend16_s", 0xC3, Imm.NONE),
    I64_EXTEND32_S("i64.extend32_s", 0xC4, Imm.NONE),
    REF_NULL("ref.null", 0xD0, Imm.HEAP_TYPE),
    REF_IS_NULL("ref.is_null", 0xD1, Imm.NONE),
    REF_FUNC("ref.func", 0xD2, Imm.FUNC),
    REF_EQ("ref.eq", 0xD3, Imm.NONE),
    REF_AS_NON_NULL("ref.as_non_null", 0xD4, Imm.NONE),
    BR_ON_NULL("br_on_null", 0xD5, Imm.LABEL),
    BR_ON_NON_NULL("br_on_non_null", 0xD6, Imm.LABEL),
    CONT_NEW("cont.new", 0xE0, Imm.TYPE),
    CONT_BIND("cont.bind", 0xE1, Imm.TYPE_TYPE),
    SUSPEND("suspend", 0xE2, Imm.TAG),
    RESUME("resume", 0xE3, Imm.RESUME),
    RESUME_THROW("resume_throw", 0xE4, Imm.RESUME_THROW),
    RESUME_THROW_REF("resume_throw_ref", 0xE5, Imm.RESUME),
    SWITCH("switch", 0xE6, Imm.TYPE_TAG),
    I32_TRUNC_SAT_F32_S("i32.trunc_sat_f32_s", 0xFC00, Imm.NONE),
    I32_TRUNC_SAT_F32_U("i32.trunc_sat_f32_u", 0xFC01, Imm.NONE),
    I32_TRUNC_SAT_F64_S("i32.trunc_sat_f64_s", 0xFC02, Imm.NONE),
    I32_TRUNC_SAT_F64_U("i32.trunc_sat_f64_u", 0xFC03, Imm.NONE),
    I64_TRUNC_SAT_F32_S("i64.trunc_sat_f32_s", 0xFC04, Imm.NONE),
    I64_TRUNC_SAT_F32_U("i64.trunc_sat_f32_u", 0xFC05, Imm.NONE),
    I64_TRUNC_SAT_F64_S("i64.trunc_sat_f64_s", 0xFC06, Imm.NONE),
    I64_TRUNC_SAT_F64_U("i64.trunc_sat_f64_u", 0xFC07, Imm.NONE),
    MEMORY_INIT("memory.init", 0xFC08, Imm.DATA_MEMORY),
    DATA_DROP("data.drop", 0xFC09, Imm.DATA),
    MEMORY_COPY("memory.copy", 0xFC0A, Imm.MEMORY_MEMORY),
    MEMORY_FILL("memory.fill", 0xFC0B, Imm.MEMORY),
    TABLE_INIT("table.init", 0xFC0C, Imm.ELEM_TABLE),
    ELEM_DROP("elem.drop", 0xFC0D, Imm.ELEM),
    TABLE_COPY("table.copy", 0xFC0E, Imm.TABLE_TABLE),
    TABLE_GROW("table.grow", 0xFC0F, Imm.TABLE),
    TABLE_SIZE("table.size", 0xFC10, Imm.TABLE),
    TABLE_FILL("table.fill", 0xFC11, Imm.TABLE),
    STRUCT_NEW("struct.new", 0xFB00, Imm.TYPE),
    STRUCT_NEW_DEFAULT("struct.new_default", 0xFB01, Imm.TYPE),
    STRUCT_GET("struct.get", 0xFB02, Imm.TYPE_FIELD),
    STRUCT_GET_S("struct.get_s", 0xFB03, Imm.TYPE_FIELD),
    STRUCT_GET_U("struct.get_u", 0xFB04, Imm.TYPE_FIELD),
    STRUCT_SET("struct.set", 0xFB05, Imm.TYPE_FIELD),
    ARRAY_NEW("array.new", 0xFB06, Imm.TYPE),
    ARRAY_NEW_DEFAULT("array.new_default", 0xFB07, Imm.TYPE),
    ARRAY_NEW_FIXED("array.new_fixed", 0xFB08, Imm.TYPE_COUNT),
    ARRAY_NEW_DATA("array.new_data", 0xFB09, Imm.TYPE_DATA),
    ARRAY_NEW_ELEM("array.new_elem", 0xFB0A, Imm.TYPE_ELEM),
    ARRAY_GET("array.get", 0xFB0B, Imm.TYPE),
    ARRAY_GET_S("array.get_s", 0xFB0C, Imm.TYPE),
    ARRAY_GET_U("array.get_u", 0xFB0D, Imm.TYPE),
    ARRAY_SET("array.set", 0xFB0E, Imm.TYPE),
    ARRAY_LEN("array.len", 0xFB0F, Imm.NONE),
    ARRAY_FILL("array.fill", 0xFB10, Imm.TYPE),
    ARRAY_COPY("array.copy", 0xFB11, Imm.TYPE_TYPE),
    ARRAY_INIT_DATA("array.init_data", 0xFB12, Imm.TYPE_DATA),
    ARRAY_INIT_ELEM("array.init_elem", 0xFB13, Imm.TYPE_ELEM),
    REF_TEST("ref.test", 0xFB14, Imm.HEAP_TYPE),
    REF_TEST_NULL("ref.test", 0xFB15, Imm.HEAP_TYPE),
    REF_CAST("ref.cast", 0xFB16, Imm.HEAP_TYPE),
    REF_CAST_NULL("ref.cast", 0xFB17, Imm.HEAP_TYPE),
    BR_ON_CAST("br_on_cast", 0xFB18, Imm.BR_ON_CAST),
    BR_ON_CAST_FAIL("br_on_cast_fail", 0xFB19, Imm.BR_ON_CAST),
    ANY_CONVERT_EXTERN("any.convert_extern", 0xFB1A, Imm.NONE),
    EXTERN_CONVERT_ANY("extern.convert_any", 0xFB1B, Imm.NONE),
    REF_I31("ref.i31", 0xFB1C, Imm.NONE),
    I31_GET_S("i31.get_s", 0xFB1D, Imm.NONE),
    I31_GET_U("i31.get_u", 0xFB1E, Imm.NONE);

    private static final Map<Integer, Op> BY_CODE = new HashMap<>();
    private static final Map<String, Op> BY_NAME = new HashMap<>();

    static {
        for (Op op : values()) {
            BY_CODE.put(op.code, op);
            BY_NAME.putIfAbsent(op.text, op);
        }
    }

    private final String text;
    private final int code;
    private final Imm imm;

    Op(String text, int code, Imm imm) {
        this.text = text;
        this.code = code;
        this.imm = imm;
    }

    /** The text-format mnemonic. */
    public String text() {
        return text;
    }

    /** The binary code; prefixed opcodes have the prefix byte in bits 8..15. */
    public int code() {
        return code;
    }

    /** The prefix byte (0xFB, 0xFC, 0xFD) or 0 for a single-byte opcode. */
    public int prefix() {
        return code > 0xFF ? code >>> 8 : 0;
    }

    /** The immediate shape. */
    public Imm imm() {
        return imm;
    }

    /** The opcode for a binary code (prefix in the high byte), or null if unknown. */
    public static Op fromCode(int code) {
        return BY_CODE.get(code);
    }

    /**
     * The opcode for a text mnemonic, or null if unknown. {@code select}, {@code ref.test} and
     * {@code ref.cast} give the plain form; the parser picks the other by the immediates.
     */
    public static Op fromText(String text) {
        return BY_NAME.get(text);
    }

    @Override
    public String toString() {
        return text;
    }
}
