package dev.weft.interpreter;

/**
 * Instantiation failed while running: an active segment was out of bounds or the start function
 * trapped. The trap is the cause; the message is the trap's message.
 */
public final class UninstantiableException extends ModuleException {
    public UninstantiableException(Trap trap) {
        super(trap.getMessage(), trap);
    }

    /** The trap that stopped instantiation. */
    public Trap trap() {
        return (Trap) getCause();
    }
}
