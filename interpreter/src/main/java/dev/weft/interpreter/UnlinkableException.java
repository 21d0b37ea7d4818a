package dev.weft.interpreter;

/** Instantiation failed because an import is missing or does not match, e.g. "unknown import", "incompatible import type". */
public final class UnlinkableException extends ModuleException {
    public UnlinkableException(String message) {
        super(message);
    }

    public UnlinkableException(String message, Throwable cause) {
        super(message, cause);
    }
}
