package dev.weft.interpreter;

/**
 * Instantiation failed while running: an active segment was out of bounds, or the start function
 * trapped or threw an exception it did not catch. The trap or {@link WasmException} is the
 * cause; the message is its message.
 */
public final class UninstantiableException extends ModuleException {
    public UninstantiableException(Trap trap) {
        super(trap.getMessage(), trap);
    }

    /** The start function threw {@code exception} and nothing caught it. */
    public UninstantiableException(WasmException exception) {
        super(exception.getMessage(), exception);
    }

    /** The trap that stopped instantiation, or null if it was an uncaught exception. */
    public Trap trap() {
        return getCause() instanceof Trap t ? t : null;
    }
}
