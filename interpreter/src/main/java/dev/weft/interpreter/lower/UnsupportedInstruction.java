package dev.weft.interpreter.lower;

import dev.weft.interpreter.ast.Op;

/**
 * Thrown by lowering for a valid instruction the interpreter cannot execute yet (a proposal
 * that validation knows but execution does not). {@link dev.weft.interpreter.CompiledModule}
 * turns it into an {@link dev.weft.interpreter.InvalidModuleException}, so users see the
 * engine's own error type naming the instruction.
 */
public final class UnsupportedInstruction extends RuntimeException {
    private final transient Op op;

    UnsupportedInstruction(Op op) {
        super("unsupported instruction: " + op + " (this proposal is validated but not executed yet)", null, false, false);
        this.op = op;
    }

    public Op op() {
        return op;
    }
}
