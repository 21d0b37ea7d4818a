package dev.weft.interpreter.ast;

/** The type of a block, loop, if or try_table. */
public sealed interface BlockType permits BlockType.Empty, BlockType.Single, BlockType.Indexed {
    BlockType EMPTY = new Empty();

    /** {@code []} → {@code []}. */
    record Empty() implements BlockType {}

    /** {@code []} → {@code [type]}. */
    record Single(ValType type) implements BlockType {}

    /** The function type at {@code typeIndex} gives params and results. */
    record Indexed(int typeIndex) implements BlockType {}
}
