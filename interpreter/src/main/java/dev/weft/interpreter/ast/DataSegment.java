package dev.weft.interpreter.ast;

/** A data segment: its bytes, and for an active segment its memory and offset expression. */
public record DataSegment(byte[] bytes, Mode mode) {

    /** How the segment is used. */
    public sealed interface Mode permits Passive, Active {}

    public record Passive() implements Mode {}

    public record Active(int memory, Expression offset) implements Mode {}
}
