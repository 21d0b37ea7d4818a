package dev.weft.interpreter.code;

/**
 * Compile-time constants mirroring {@link dev.weft.interpreter.code.ExtInstr}'s ordinals
 * ({@code InstructionTableTest} checks them), for the {@code switch} in {@code exec.Ext}.
 * Sub-opcodes of {@link Opcodes#EXT}: instructions of later proposals (tail calls, typed
 * function references, exception handling, GC casts, i31, structs and arrays) that do not earn a case of their own in the dispatch
 * loop (each case there costs bytecode and can disturb the JIT's code for the hot cases).
 * Layout: {@code EXT subop immediates...}.
 */
public final class ExtOps {
    private ExtOps() {}

    /** {@code RETURN_CALL function}. */
    public static final int RETURN_CALL = 0;
    /** {@code RETURN_CALL_INDIRECT canonicalType table}. */
    public static final int RETURN_CALL_INDIRECT = 1;
    /** {@code RETURN_CALL_REF}: the callee is on top of the stack. */
    public static final int RETURN_CALL_REF = 2;
    /** {@code REF_AS_NON_NULL}. */
    public static final int REF_AS_NON_NULL = 3;
    /** {@code BR_ON_NULL target arity height}. */
    public static final int BR_ON_NULL = 4;
    /** {@code BR_ON_NON_NULL target arity height}. */
    public static final int BR_ON_NON_NULL = 5;
    /** {@code REF_EQ}. */
    public static final int REF_EQ = 6;
    /** {@code THROW tag}. */
    public static final int THROW = 7;
    /** {@code THROW_REF}. */
    public static final int THROW_REF = 8;
    /** {@code CALL_REF}: the callee is on top of the stack. */
    public static final int CALL_REF = 9;
    /** {@code CONT_NEW}: the function reference is on top. */
    public static final int CONT_NEW = 10;
    /** {@code CONT_BIND boundSlots}. */
    public static final int CONT_BIND = 11;
    /** {@code SUSPEND tag payloadSlots}; behind {@link Opcodes#SUSPEND_EXT}, not EXT. */
    public static final int SUSPEND = 12;
    /**
     * {@code RESUME argSlots site n (tag target arity height){n}}; target -1 for a switch clause.
     * Behind {@link Opcodes#RESUME_EXT}, not EXT.
     */
    public static final int RESUME = 13;
    /** {@code RESUME_THROW tag payloadSlots site n (tag target arity height){n}}. */
    public static final int RESUME_THROW = 14;
    /** {@code RESUME_THROW_REF site n (tag target arity height){n}}. */
    public static final int RESUME_THROW_REF = 15;
    /** {@code SWITCH tag argSlots}. */
    public static final int SWITCH = 16;
    /** {@code REF_TEST castTarget nullable} (see {@link CastTarget}). */
    public static final int REF_TEST = 17;
    /** {@code REF_CAST castTarget nullable}. */
    public static final int REF_CAST = 18;
    /** {@code BR_ON_CAST target arity height castTarget nullable}. */
    public static final int BR_ON_CAST = 19;
    /** {@code BR_ON_CAST_FAIL target arity height castTarget nullable}. */
    public static final int BR_ON_CAST_FAIL = 20;
    /** {@code REF_I31}. */
    public static final int REF_I31 = 21;
    /** {@code I31_GET_S}. */
    public static final int I31_GET_S = 22;
    /** {@code I31_GET_U}. */
    public static final int I31_GET_U = 23;

    // table, segment and memory-size instructions: rare in hot code, so kept out of the loop's size budget
    /** {@code TABLE_GET table}. */
    public static final int TABLE_GET = 24;
    /** {@code TABLE_SET table}. */
    public static final int TABLE_SET = 25;
    /** {@code TABLE_SIZE table}. */
    public static final int TABLE_SIZE = 26;
    /** {@code TABLE_GROW table}. */
    public static final int TABLE_GROW = 27;
    /** {@code TABLE_FILL table}. */
    public static final int TABLE_FILL = 28;
    /** {@code TABLE_COPY dstTable srcTable}. */
    public static final int TABLE_COPY = 29;
    /** {@code TABLE_INIT elem table}. */
    public static final int TABLE_INIT = 30;
    /** {@code ELEM_DROP elem}. */
    public static final int ELEM_DROP = 31;
    /** {@code MEMORY_INIT data memory}. */
    public static final int MEMORY_INIT = 32;
    /** {@code DATA_DROP data}. */
    public static final int DATA_DROP = 33;
    /** {@code MEMORY_SIZE memory}. */
    public static final int MEMORY_SIZE = 34;
    /** {@code MEMORY_GROW memory}. */
    public static final int MEMORY_GROW = 35;

    // GC structs and arrays (exec.GcOps); a type immediate is the module's type index
    /** {@code STRUCT_NEW type}: the fields are on the stack, first field deepest. */
    public static final int STRUCT_NEW = 36;
    /** {@code STRUCT_NEW_DEFAULT type}. */
    public static final int STRUCT_NEW_DEFAULT = 37;
    /** {@code STRUCT_GET slot}: a numeric unpacked field ({@link GcLayout#slot}). */
    public static final int STRUCT_GET = 38;
    /** {@code STRUCT_GET_REF slot}. */
    public static final int STRUCT_GET_REF = 39;
    /** {@code STRUCT_GET_S slot bits}: a packed field, sign-extended from {@code bits}. */
    public static final int STRUCT_GET_S = 40;
    /** {@code STRUCT_GET_U slot bits}: a packed field, zero-extended from {@code bits}. */
    public static final int STRUCT_GET_U = 41;
    /** {@code STRUCT_SET slot}: a numeric field (packed ones are truncated when read). */
    public static final int STRUCT_SET = 42;
    /** {@code STRUCT_SET_REF slot}. */
    public static final int STRUCT_SET_REF = 43;
    /** {@code ARRAY_NEW type}. */
    public static final int ARRAY_NEW = 44;
    /** {@code ARRAY_NEW_DEFAULT type}. */
    public static final int ARRAY_NEW_DEFAULT = 45;
    /** {@code ARRAY_NEW_FIXED type count}. */
    public static final int ARRAY_NEW_FIXED = 46;
    /** {@code ARRAY_NEW_DATA type data}. */
    public static final int ARRAY_NEW_DATA = 47;
    /** {@code ARRAY_NEW_ELEM type elem}. */
    public static final int ARRAY_NEW_ELEM = 48;
    /** {@code ARRAY_GET}: numeric, packed elements sign-extended ({@code array.get} and {@code array.get_s}). */
    public static final int ARRAY_GET = 49;
    /** {@code ARRAY_GET_U}. */
    public static final int ARRAY_GET_U = 50;
    /** {@code ARRAY_GET_REF}. */
    public static final int ARRAY_GET_REF = 51;
    /** {@code ARRAY_SET}: numeric. */
    public static final int ARRAY_SET = 52;
    /** {@code ARRAY_SET_REF}. */
    public static final int ARRAY_SET_REF = 53;
    /** {@code ARRAY_LEN}. */
    public static final int ARRAY_LEN = 54;
    /** {@code ARRAY_FILL}. */
    public static final int ARRAY_FILL = 55;
    /** {@code ARRAY_COPY}. */
    public static final int ARRAY_COPY = 56;
    /** {@code ARRAY_INIT_DATA data}. */
    public static final int ARRAY_INIT_DATA = 57;
    /** {@code ARRAY_INIT_ELEM elem}. */
    public static final int ARRAY_INIT_ELEM = 58;
    /** {@code STRUCT_GET_V128 slot}: a v128 field, its two slots ({@link GcLayout#slot} and the next). */
    public static final int STRUCT_GET_V128 = 59;
    /** {@code STRUCT_SET_V128 slot}. */
    public static final int STRUCT_SET_V128 = 60;
    /** {@code ARRAY_GET_V128}. */
    public static final int ARRAY_GET_V128 = 61;
    /** {@code ARRAY_SET_V128}. */
    public static final int ARRAY_SET_V128 = 62;
    /** {@code ARRAY_FILL_V128}. */
    public static final int ARRAY_FILL_V128 = 63;
    /** {@code SIMD op a b c d}: see {@link ExtInstr#SIMD}. */
    public static final int SIMD = 64;
    /** {@code SELECT_V128}. */
    public static final int SELECT_V128 = 65;
    /** {@code GLOBAL_GET_V128 global}. */
    public static final int GLOBAL_GET_V128 = 66;
    /** {@code GLOBAL_SET_V128 global}. */
    public static final int GLOBAL_SET_V128 = 67;
}
