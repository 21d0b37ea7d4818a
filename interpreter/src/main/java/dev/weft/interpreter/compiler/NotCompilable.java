package dev.weft.interpreter.compiler;

/** A function the compiled tier leaves to the interpreter, with the reason (counted in {@link TierStats}). */
final class NotCompilable extends RuntimeException {
    NotCompilable(String reason) {
        super(reason, null, false, false);
    }

    String reason() {
        return getMessage();
    }
}
