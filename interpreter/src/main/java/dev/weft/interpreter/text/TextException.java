package dev.weft.interpreter.text;

/**
 * Internal unchecked parse failure; {@link WatParser} and the WAST parser turn it into a
 * {@code MalformedModuleException}. The message starts with the spec's wording; the position
 * is where the offending token or list starts.
 */
public final class TextException extends RuntimeException {
    private final int line;
    private final int column;

    public TextException(String message, int line) {
        this(message, line, 0);
    }

    public TextException(String message, int line, int column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    /** A failure at {@code token}. */
    public TextException(String message, Token token) {
        this(message, token.line(), token.column());
    }

    /** A failure at the start of {@code expr}. */
    public TextException(String message, SExpr expr) {
        this(message, expr.line(), expr.column());
    }

    /** The same failure reported at {@code token} (for checks that only knew the line). */
    TextException at(Token token) {
        return new TextException(getMessage(), token);
    }

    /** The 1-based source line where the problem was found, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** The 1-based column where the problem was found, or 0 when unknown. */
    public int column() {
        return column;
    }

    /** {@code line:column} as compilers print it, or just the line when the column is unknown. */
    public String where() {
        return column > 0 ? line + ":" + column : Integer.toString(line);
    }
}
