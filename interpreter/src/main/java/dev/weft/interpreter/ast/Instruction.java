package dev.weft.interpreter.ast;

import java.util.List;

/**
 * One instruction of a function body or constant expression. The record used for an opcode
 * follows its {@link Imm immediate shape} (see {@link Op#imm()}); all indices are numeric
 * (the text parser resolves symbolic names).
 */
public sealed interface Instruction
        permits Instruction.Plain, Instruction.Indexed, Instruction.Indexed2, Instruction.Block,
                Instruction.TryTable, Instruction.BranchTable, Instruction.MemAccess,
                Instruction.Const, Instruction.HeapTypeImm, Instruction.SelectTyped,
                Instruction.BrOnCast, Instruction.Resume, Instruction.Vector, Instruction.MemLane {

    Op op();

    /** No immediates ({@link Imm#NONE}). */
    record Plain(Op op) implements Instruction {}

    /** One index: label, function, type, local, global, table, memory, elem, data or tag. */
    record Indexed(Op op, int index) implements Instruction {}

    /**
     * Two indices, in the order named by the shape ({@link Imm#TYPE_TABLE}: type then table;
     * {@link Imm#TABLE_TABLE}/{@link Imm#MEMORY_MEMORY}: destination then source;
     * {@link Imm#ELEM_TABLE}: elem then table; {@link Imm#DATA_MEMORY}: data then memory; ...).
     */
    record Indexed2(Op op, int first, int second) implements Instruction {}

    /** {@code block}, {@code loop} or {@code if}. */
    record Block(Op op, BlockType type) implements Instruction {}

    /** {@code try_table} with its catch clauses. */
    record TryTable(BlockType type, List<Catch> catches) implements Instruction {
        public TryTable {
            catches = List.copyOf(catches);
        }

        public Op op() {
            return Op.TRY_TABLE;
        }
    }

    /** A catch clause of {@code try_table}; {@code tag} is -1 for the catch_all forms. */
    record Catch(CatchKind kind, int tag, int label) {}

    /** The four kinds of catch clause, with their binary byte. */
    enum CatchKind {
        CATCH(0x00, "catch"),
        CATCH_REF(0x01, "catch_ref"),
        CATCH_ALL(0x02, "catch_all"),
        CATCH_ALL_REF(0x03, "catch_all_ref");

        private final int code;
        private final String text;

        CatchKind(int code, String text) {
            this.code = code;
            this.text = text;
        }

        public int code() {
            return code;
        }

        public String text() {
            return text;
        }

        public boolean hasTag() {
            return this == CATCH || this == CATCH_REF;
        }
    }

    /** {@code br_table l* lN}. */
    record BranchTable(int[] labels, int defaultLabel) implements Instruction {
        public Op op() {
            return Op.BR_TABLE;
        }
    }

    /** A load or store: alignment as a power of two, a (64-bit capable) offset, and the memory. */
    record MemAccess(Op op, int alignLog2, long offset, int memory) implements Instruction {}

    /**
     * A numeric constant; {@code bits} is the value for i32/i64 (i32 sign-extended) and the
     * IEEE bit pattern for f32 (low 32 bits) and f64.
     */
    record Const(Op op, long bits) implements Instruction {}

    /**
     * Sixteen immediate bytes, little-endian in two longs (byte 0 is the low byte of
     * {@code low}): {@code v128.const}'s value or {@code i8x16.shuffle}'s lane indices.
     */
    record Vector(Op op, long low, long high) implements Instruction {
        /** Byte {@code i} (0..15) of the immediate, unsigned. */
        public int byteAt(int i) {
            return (int) ((i < 8 ? low >>> (8 * i) : high >>> (8 * (i - 8))) & 0xFF);
        }
    }

    /** {@code v128.loadN_lane} / {@code v128.storeN_lane}: a memory access and a lane index. */
    record MemLane(Op op, int alignLog2, long offset, int memory, int lane) implements Instruction {}

    /** {@code ref.null}, {@code ref.test}, {@code ref.cast} with their heap type. */
    record HeapTypeImm(Op op, HeapType heapType) implements Instruction {}

    /** {@code select} with explicit result types. */
    record SelectTyped(List<ValType> types) implements Instruction {
        public SelectTyped {
            types = List.copyOf(types);
        }

        public Op op() {
            return Op.SELECT_TYPED;
        }
    }

    /** {@code br_on_cast} / {@code br_on_cast_fail}: label, source and target reference types. */
    record BrOnCast(Op op, int label, RefType from, RefType to) implements Instruction {}

    /**
     * {@code resume}, {@code resume_throw_ref} ({@code tag} = -1) or {@code resume_throw}, with
     * their handler clauses.
     */
    record Resume(Op op, int contType, int tag, List<Handler> handlers) implements Instruction {
        public Resume {
            handlers = List.copyOf(handlers);
        }
    }

    /** A handler clause: {@code (on $tag $label)} or, when {@code label} is -1, {@code (on $tag switch)}. */
    record Handler(int tag, int label) {
        public boolean isSwitch() {
            return label < 0;
        }
    }
}
