package dev.weft.interpreter;

/** The bytes or text do not form a module (decoding or parsing failed), e.g. "unexpected end". */
public final class MalformedModuleException extends ModuleException {
    public MalformedModuleException(String message) {
        super(message);
    }

    public MalformedModuleException(String message, Throwable cause) {
        super(message, cause);
    }
}
