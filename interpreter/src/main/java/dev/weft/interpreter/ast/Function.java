package dev.weft.interpreter.ast;

import java.util.List;

/**
 * A function defined in the module: its type index, declared locals (one entry per local,
 * already expanded from the binary's run-length groups; parameters are not included) and
 * body. The body is flat: structured instructions appear as {@code block}/{@code loop}/
 * {@code if}/{@code try_table} … {@code else} … {@code end}; the function's own final
 * {@code end} is included as the last instruction.
 *
 * <p>{@code offsets}, for a function decoded from the binary format, holds the byte offset in
 * the module of each body instruction (null otherwise, or when the body was rewritten). It is
 * debugging information (error messages and backtraces name it, as wasmtime's do), not part of
 * the function's meaning: equality and the hash ignore it, so a module equals its round trip
 * through the encoder.
 */
public record Function(int typeIndex, List<ValType> locals, List<Instruction> body, int[] offsets) {
    public Function {
        locals = List.copyOf(locals);
        body = List.copyOf(body);
        if (offsets != null && offsets.length != body.size()) {
            throw new IllegalArgumentException(offsets.length + " offsets for " + body.size() + " instructions");
        }
    }

    /** A function without code offsets (made by the text parser, a builder or a rewrite). */
    public Function(int typeIndex, List<ValType> locals, List<Instruction> body) {
        this(typeIndex, locals, body, null);
    }

    /** The module byte offset of body instruction {@code i}, or -1 when unknown. */
    public int offsetOf(int i) {
        return offsets == null || i < 0 || i >= offsets.length ? -1 : offsets[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Function f && typeIndex == f.typeIndex && locals.equals(f.locals) && body.equals(f.body);
    }

    @Override
    public int hashCode() {
        return (typeIndex * 31 + locals.hashCode()) * 31 + body.hashCode();
    }

    @Override
    public String toString() {
        return "Function[typeIndex=" + typeIndex + ", locals=" + locals + ", body=" + body + "]";
    }
}
