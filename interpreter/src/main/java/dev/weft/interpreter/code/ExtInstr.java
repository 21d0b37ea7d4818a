package dev.weft.interpreter.code;

/**
 * Sub-opcodes of the EXT-shaped opcodes ({@link Instr#EXT}, {@link Instr#RESUME_EXT},
 * {@link Instr#SUSPEND_EXT}): instructions of later proposals and cold ones that do not earn a
 * case of their own in the dispatch loop. The number is the ordinal ({@link ExtOps} mirrors
 * it); the layout lists the immediates after the sub-opcode.
 */
public enum ExtInstr {
    RETURN_CALL("function"),
    RETURN_CALL_INDIRECT("type table"),
    RETURN_CALL_REF(""),
    REF_AS_NON_NULL(""),
    BR_ON_NULL("target arity height"),
    BR_ON_NON_NULL("target arity height"),
    REF_EQ(""),
    THROW("tag"),
    THROW_REF(""),
    CALL_REF(""),
    CONT_NEW(""),
    CONT_BIND("boundSlots"),
    /** Dispatched by {@link Instr#SUSPEND_EXT}. */
    SUSPEND("tag payloadSlots"),
    /** Dispatched by {@link Instr#RESUME_EXT}; a switch clause has target {@link #SWITCH_CLAUSE}, arity and height 0. */
    RESUME("argSlots site n (tag target arity height)*n"),
    RESUME_THROW("tag payloadSlots site n (tag target arity height)*n"),
    RESUME_THROW_REF("site n (tag target arity height)*n"),
    SWITCH("tag argSlots"),
    REF_TEST("castTarget nullable"),
    REF_CAST("castTarget nullable"),
    BR_ON_CAST("target arity height castTarget nullable"),
    BR_ON_CAST_FAIL("target arity height castTarget nullable"),
    REF_I31(""),
    I31_GET_S(""),
    I31_GET_U(""),
    TABLE_GET("table"),
    TABLE_SET("table"),
    TABLE_SIZE("table"),
    TABLE_GROW("table"),
    TABLE_FILL("table"),
    TABLE_COPY("dst src"),
    TABLE_INIT("elem table"),
    ELEM_DROP("elem"),
    MEMORY_INIT("data memory"),
    DATA_DROP("data"),
    MEMORY_SIZE("memory"),
    MEMORY_GROW("memory"),
    STRUCT_NEW("type"),
    STRUCT_NEW_DEFAULT("type"),
    /** A numeric, unpacked field; the slot comes from {@link GcLayout}. */
    STRUCT_GET("slot"),
    STRUCT_GET_REF("slot"),
    STRUCT_GET_S("slot bits"),
    STRUCT_GET_U("slot bits"),
    STRUCT_SET("slot"),
    STRUCT_SET_REF("slot"),
    ARRAY_NEW("type"),
    ARRAY_NEW_DEFAULT("type"),
    ARRAY_NEW_FIXED("type count"),
    ARRAY_NEW_DATA("type data"),
    ARRAY_NEW_ELEM("type elem"),
    /** A numeric element; a packed one sign-extended (so also {@code array.get_s}). */
    ARRAY_GET(""),
    ARRAY_GET_U(""),
    ARRAY_GET_REF(""),
    ARRAY_SET(""),
    ARRAY_SET_REF(""),
    ARRAY_LEN(""),
    ARRAY_FILL(""),
    ARRAY_COPY(""),
    ARRAY_INIT_DATA("data"),
    ARRAY_INIT_ELEM("elem"),
    /** A v128 field: two slots from {@code slot} pushed, low half first. */
    STRUCT_GET_V128("slot"),
    STRUCT_SET_V128("slot"),
    /** A v128 element (two operand slots). */
    ARRAY_GET_V128(""),
    ARRAY_SET_V128(""),
    ARRAY_FILL_V128(""),
    /**
     * A SIMD instruction: its {@link dev.weft.interpreter.ast.Op} ordinal and four ints (a v128
     * constant or shuffle's 16 bytes little-endian; a lane; or memory, offset high, offset low, lane).
     */
    SIMD("wasmOp a b c d"),
    /** {@code select} of two v128s (two slots each). */
    SELECT_V128(""),
    /** {@code global.get} of a v128 global. */
    GLOBAL_GET_V128("global"),
    /** {@code global.set} of a v128 global. */
    GLOBAL_SET_V128("global");

    /** The target of a resume's {@code (on $t switch)} clause (its arity and height are 0). */
    public static final int SWITCH_CLAUSE = -1;

    private static final ExtInstr[] ALL = values();

    private final Layout layout;

    ExtInstr(String layout) {
        this.layout = Layout.parse(layout);
    }

    /** The sub-opcode with number {@code op}, or null outside the table. */
    public static ExtInstr of(int op) {
        return op >= 0 && op < ALL.length ? ALL[op] : null;
    }

    /** The immediates after the sub-opcode. */
    public Layout layout() {
        return layout;
    }
}
