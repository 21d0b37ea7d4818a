package dev.weft.interpreter.valid;

import dev.weft.interpreter.ast.Op;

/**
 * Sorts opcodes into the families the validator checks with separate classes, so no single
 * method grows past the JIT's size limit.
 */
final class OpFamily {
    static final byte STRUCTURE = 1;
    static final byte CONTROL = 2;
    static final byte NUMERIC = 3;
    static final byte VARIABLE = 4;
    static final byte MEMORY = 5;
    static final byte TABLE = 6;
    static final byte GC = 7;
    static final byte CONT = 8;
    static final byte VECTOR = 9;

    private static final byte[] FAMILY = new byte[Op.values().length];

    static {
        for (Op op : Op.values()) {
            FAMILY[op.ordinal()] = classify(op);
        }
    }

    private OpFamily() {}

    static byte of(Op op) {
        return FAMILY[op.ordinal()];
    }

    private static byte classify(Op op) {
        switch (op) {
            case BLOCK, LOOP, IF, ELSE, END:
                return STRUCTURE;
            case LOCAL_GET, LOCAL_SET, LOCAL_TEE, GLOBAL_GET, GLOBAL_SET:
                return VARIABLE;
            case TABLE_GET, TABLE_SET, TABLE_SIZE, TABLE_GROW, TABLE_FILL, TABLE_COPY, TABLE_INIT,
                    ELEM_DROP, REF_NULL, REF_IS_NULL, REF_FUNC, REF_EQ, REF_AS_NON_NULL:
                return TABLE;
            case MEMORY_SIZE, MEMORY_GROW, MEMORY_INIT, DATA_DROP, MEMORY_COPY, MEMORY_FILL:
                return MEMORY;
            case CONT_NEW, CONT_BIND, SUSPEND, RESUME, RESUME_THROW, RESUME_THROW_REF, SWITCH:
                return CONT;
            default:
                break;
        }
        if (op.imm() == dev.weft.interpreter.ast.Imm.MEMARG) {
            return MEMORY;
        }
        if (op.prefix() == 0xFB) {
            return GC;
        }
        if (op.prefix() == 0xFD) {
            return VECTOR;
        }
        if (NumericInstructions.isNumeric(op)) {
            return NUMERIC;
        }
        return CONTROL;
    }
}
