package dev.weft.interpreter.text;

import java.nio.charset.StandardCharsets;

/**
 * One token of the text format. Keywords, numbers and reserved words are {@link Kind#ATOM}s
 * (their raw text); identifiers keep their name without {@code $}; strings keep their bytes.
 *
 * @param kind  the token kind
 * @param text  the raw text (atoms), the name (ids), or null (parentheses, strings)
 * @param bytes the decoded bytes of a string, otherwise null
 * @param line   the 1-based line where the token starts
 * @param column the 1-based column where the token starts, or 0 for a token made up by a parser
 */
public record Token(Kind kind, String text, byte[] bytes, int line, int column) {

    /** A token a parser makes up (not read from the source): only its line is known. */
    public Token(Kind kind, String text, byte[] bytes, int line) {
        this(kind, text, bytes, line, 0);
    }

    /** The token kinds. */
    public enum Kind { LPAREN, RPAREN, ATOM, ID, STRING }

    /** The string's bytes decoded as UTF-8, failing with "malformed UTF-8 encoding". */
    public String utf8() {
        return Utf8.decode(bytes, line);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case LPAREN -> "(";
            case RPAREN -> ")";
            case ATOM -> text;
            case ID -> "$" + text;
            case STRING -> '"' + new String(bytes, StandardCharsets.ISO_8859_1) + '"';
        };
    }
}
