package dev.weft.interpreter.ast;

/**
 * The shape of an opcode's immediates, which decides the {@link Instruction} record used for it
 * and how the decoder, text parser and encoder read and write it.
 */
public enum Imm {
    /** No immediates: {@link Instruction.Plain}. */
    NONE,
    /** {@link Instruction.Block} with a block type. */
    BLOCK,
    /** {@link Instruction.TryTable}. */
    TRY_TABLE,
    /** {@link Instruction.Indexed}: a label (relative depth). */
    LABEL,
    /** {@link Instruction.BranchTable}. */
    BR_TABLE,
    /** {@link Instruction.Indexed}: a function index. */
    FUNC,
    /** {@link Instruction.Indexed}: a type index. */
    TYPE,
    /** {@link Instruction.Indexed}: a local index. */
    LOCAL,
    /** {@link Instruction.Indexed}: a global index. */
    GLOBAL,
    /** {@link Instruction.Indexed}: a table index. */
    TABLE,
    /** {@link Instruction.Indexed}: a memory index. */
    MEMORY,
    /** {@link Instruction.Indexed}: an element segment index. */
    ELEM,
    /** {@link Instruction.Indexed}: a data segment index. */
    DATA,
    /** {@link Instruction.Indexed}: a tag index. */
    TAG,
    /** {@link Instruction.Indexed2}: type index, table index (binary order: type then table). */
    TYPE_TABLE,
    /** {@link Instruction.Indexed2}: destination table, source table. */
    TABLE_TABLE,
    /** {@link Instruction.Indexed2}: element segment, table (binary order: elem then table). */
    ELEM_TABLE,
    /** {@link Instruction.Indexed2}: destination memory, source memory. */
    MEMORY_MEMORY,
    /** {@link Instruction.Indexed2}: data segment, memory (binary order: data then memory). */
    DATA_MEMORY,
    /** {@link Instruction.Indexed2}: type index, field index. */
    TYPE_FIELD,
    /** {@link Instruction.Indexed2}: two type indices. */
    TYPE_TYPE,
    /** {@link Instruction.Indexed2}: type index, a count (array.new_fixed). */
    TYPE_COUNT,
    /** {@link Instruction.Indexed2}: type index, data segment index. */
    TYPE_DATA,
    /** {@link Instruction.Indexed2}: type index, element segment index. */
    TYPE_ELEM,
    /** {@link Instruction.Indexed2}: continuation type index, tag index (switch). */
    TYPE_TAG,
    /** {@link Instruction.MemAccess}: alignment, offset, memory index. */
    MEMARG,
    /** {@link Instruction.Const}: 32-bit integer. */
    I32,
    /** {@link Instruction.Const}: 64-bit integer. */
    I64,
    /** {@link Instruction.Const}: f32 bits. */
    F32,
    /** {@link Instruction.Const}: f64 bits. */
    F64,
    /** {@link Instruction.HeapTypeImm}: a heap type (ref.null, ref.test, ref.cast). */
    HEAP_TYPE,
    /** {@link Instruction.SelectTyped}. */
    SELECT_TYPES,
    /** {@link Instruction.BrOnCast}. */
    BR_ON_CAST,
    /** {@link Instruction.Resume}: continuation type and handler clauses. */
    RESUME,
    /** {@link Instruction.Resume}: continuation type, tag and handler clauses. */
    RESUME_THROW,
    /** {@link Instruction.Vector}: {@code v128.const}'s 16 bytes. */
    V128,
    /** {@link Instruction.Vector}: {@code i8x16.shuffle}'s 16 lane indices (each below 32). */
    SHUFFLE,
    /** {@link Instruction.Indexed}: a lane index (one byte in the binary format). */
    LANE,
    /** {@link Instruction.MemLane}: a memarg, then a lane index. */
    MEMARG_LANE
}
