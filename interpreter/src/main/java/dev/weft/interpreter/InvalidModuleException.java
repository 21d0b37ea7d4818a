package dev.weft.interpreter;

/** The module decoded but does not validate, e.g. "type mismatch". */
public final class InvalidModuleException extends ModuleException {
    public InvalidModuleException(String message) {
        super(message);
    }

    public InvalidModuleException(String message, Throwable cause) {
        super(message, cause);
    }
}
