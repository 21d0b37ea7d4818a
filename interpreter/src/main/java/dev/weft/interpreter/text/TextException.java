package dev.weft.interpreter.text;

/**
 * Internal unchecked parse failure; {@link WatParser} and the WAST parser turn it into a
 * {@code MalformedModuleException}. The message starts with the spec's wording.
 */
public final class TextException extends RuntimeException {
    private final int line;

    public TextException(String message, int line) {
        super(message);
        this.line = line;
    }

    /** The 1-based source line where the problem was found, or 0 when unknown. */
    public int line() {
        return line;
    }
}
