package dev.weft.interpreter;

/**
 * A failure before execution: the module is malformed, invalid, cannot be linked, or could not
 * be instantiated. The message starts with the spec's wording, details follow after ": ".
 */
public abstract sealed class ModuleException extends Exception
        permits MalformedModuleException, InvalidModuleException, UnlinkableException,
                UninstantiableException {

    protected ModuleException(String message) {
        super(message);
    }

    protected ModuleException(String message, Throwable cause) {
        super(message, cause);
    }
}
