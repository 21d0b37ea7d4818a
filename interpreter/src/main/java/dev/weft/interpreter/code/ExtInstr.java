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
    /** Dispatched by {@link Instr#RESUME_EXT}; a switch clause has target -1, arity and height 0. */
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
    MEMORY_GROW("memory");

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
