package dev.weft.interpreter.text;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits WebAssembly text into {@link Token}s. Whitespace, line comments {@code ;;},
 * nested block comments {@code (; ;)} and annotations {@code (@name ...)} are skipped.
 * Invariant: {@code pos} always points at the next unread character.
 */
public final class Lexer {
    private static final String ID_CHARS = "!#$%&'*+-./:<=>?@\\^_`|~";

    private final String src;
    private final List<Token> out = new ArrayList<>();
    private int pos;
    private int line = 1;
    /** Index of the first character of the current line: columns are counted from it. */
    private int lineStart;
    private int annotationDepth;

    private Lexer(String src) {
        this.src = src;
    }

    /** The tokens of {@code src}; throws {@link TextException} on a lexical error. */
    public static List<Token> tokenize(String src) {
        Lexer lexer = new Lexer(src);
        lexer.run();
        return lexer.out;
    }

    private void run() {
        while (skipBlanks()) {
            char c = src.charAt(pos);
            if (c == '(' && peek(1) == '@') {
                skipAnnotation();
            } else {
                Token t = token();
                out.add(t);
            }
        }
    }

    private Token token() {
        char c = src.charAt(pos);
        int start = line;
        int column = column(pos);
        if (c == '(') {
            pos++;
            return new Token(Token.Kind.LPAREN, null, null, start, column);
        }
        if (c == ')') {
            pos++;
            return new Token(Token.Kind.RPAREN, null, null, start, column);
        }
        if (c == '"') {
            int begin = pos;
            byte[] bytes = string();
            if (unseparated()) {
                return reserved(begin, start);
            }
            return new Token(Token.Kind.STRING, null, bytes, start, column);
        }
        if (isIdChar(c)) {
            return word();
        }
        if (isReservedChar(c)) {
            return reserved(pos, start);
        }
        throw new TextException("illegal character", line, column);
    }

    /** The 1-based column of the character at {@code index}, which is on the current line. */
    private int column(int index) {
        return index - lineStart + 1;
    }

    private Token word() {
        int start = line;
        int begin = pos;
        if (src.charAt(pos) == '$' && peek(1) == '"') {
            pos++;
            byte[] name = quotedId(start);
            if (name.length == 0) {
                throw new TextException("empty identifier", start);
            }
            if (unseparated()) {
                return reserved(begin, start);
            }
            return new Token(Token.Kind.ID, Utf8.decode(name, start), null, start, column(begin));
        }
        while (pos < src.length() && isIdChar(src.charAt(pos))) {
            pos++;
        }
        if (unseparated()) {
            return reserved(begin, start);
        }
        String text = src.substring(begin, pos);
        if (text.startsWith("$")) {
            if (text.length() == 1) {
                throw new TextException("empty identifier", start);
            }
            return new Token(Token.Kind.ID, text.substring(1), null, start, column(begin));
        }
        return new Token(Token.Kind.ATOM, text, null, start, column(begin));
    }

    private byte[] quotedId(int start) {
        try {
            return string();
        } catch (TextException e) {
            throw new TextException("empty identifier", start);
        }
    }

    /** True if the token just read runs straight into a string or word (no separator). */
    private boolean unseparated() {
        if (pos >= src.length()) {
            return false;
        }
        char c = src.charAt(pos);
        return c == '"' || isIdChar(c) || isReservedChar(c);
    }

    /** Characters that may only appear in reserved tokens; {@code ;;} still starts a comment. */
    private boolean isReservedChar(char c) {
        return c == ',' || c == '[' || c == ']' || c == '{' || c == '}' || (c == ';' && peek(1) != ';');
    }

    /**
     * Reads the rest of a run of words and strings without separators, a reserved token:
     * an error ("unknown operator") unless inside an annotation.
     */
    private Token reserved(int begin, int start) {
        while (unseparated()) {
            if (src.charAt(pos) == '"') {
                string();
            } else {
                pos++;
            }
        }
        String text = src.substring(begin, pos);
        if (annotationDepth == 0) {
            throw new TextException("unknown operator " + text, start, column(begin));
        }
        return new Token(Token.Kind.ATOM, text, null, start, column(begin));
    }

    /** Skips whitespace and comments; returns false at the end of input. */
    private boolean skipBlanks() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '\n') {
                pos++;
                line++;
                lineStart = pos;
            } else if (c == ';' && peek(1) == ';') {
                skipLineComment();
            } else if (c == '(' && peek(1) == ';') {
                skipBlockComment();
            } else {
                return true;
            }
        }
        return false;
    }

    /** A line comment ends at a line feed or a carriage return. */
    private void skipLineComment() {
        while (pos < src.length() && src.charAt(pos) != '\n' && src.charAt(pos) != '\r') {
            pos++;
        }
    }

    private void skipBlockComment() {
        int depth = 0;
        int start = line;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '(' && peek(1) == ';') {
                depth++;
                pos += 2;
            } else if (c == ';' && peek(1) == ')') {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                pos++;
                if (c == '\n') {
                    line++;
                    lineStart = pos;
                }
            }
        }
        throw new TextException("unclosed comment", start);
    }

    private void skipAnnotation() {
        int start = line;
        pos += 2;
        if (pos < src.length() && src.charAt(pos) == '"') {
            byte[] id;
            try {
                id = string();
            } catch (TextException e) {
                throw new TextException("empty annotation id", start);
            }
            if (id.length == 0) {
                throw new TextException("empty annotation id", start);
            }
            Utf8.decode(id, start);
        } else {
            int begin = pos;
            while (pos < src.length() && isIdChar(src.charAt(pos))) {
                pos++;
            }
            if (begin == pos) {
                throw new TextException("empty annotation id", start);
            }
        }
        int depth = 1;
        annotationDepth++;
        while (depth > 0) {
            if (!skipBlanks()) {
                throw new TextException("unclosed annotation", start);
            }
            Token t = token();
            if (t.kind() == Token.Kind.LPAREN) {
                depth++;
            } else if (t.kind() == Token.Kind.RPAREN) {
                depth--;
            }
        }
        annotationDepth--;
    }

    private byte[] string() {
        int start = line;
        pos++;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        while (true) {
            if (pos >= src.length()) {
                throw new TextException("unclosed string", start);
            }
            int c = src.codePointAt(pos);
            if (c == '"') {
                pos++;
                return buf.toByteArray();
            }
            if (c == '\\') {
                escape(buf);
            } else if (c == '\n') {
                throw new TextException("unclosed string", start);
            } else if (c < 0x20 || c == 0x7f) {
                throw new TextException("illegal character", line);
            } else {
                buf.writeBytes(new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8));
                pos += Character.charCount(c);
            }
        }
    }

    private void escape(ByteArrayOutputStream buf) {
        pos++;
        if (pos >= src.length()) {
            throw new TextException("unclosed string", line);
        }
        char e = src.charAt(pos++);
        switch (e) {
            case 't' -> buf.write('\t');
            case 'n' -> buf.write('\n');
            case 'r' -> buf.write('\r');
            case '"' -> buf.write('"');
            case '\'' -> buf.write('\'');
            case '\\' -> buf.write('\\');
            case 'u' -> unicodeEscape(buf);
            default -> {
                int hi = Character.digit(e, 16);
                int lo = pos < src.length() ? Character.digit(src.charAt(pos), 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw new TextException("illegal escape", line);
                }
                pos++;
                buf.write(hi * 16 + lo);
            }
        }
    }

    private void unicodeEscape(ByteArrayOutputStream buf) {
        if (peek(0) != '{') {
            throw new TextException("illegal escape", line);
        }
        int close = src.indexOf('}', pos);
        if (close < 0) {
            throw new TextException("illegal escape", line);
        }
        String hex = src.substring(pos + 1, close).replace("_", "");
        pos = close + 1;
        int cp;
        try {
            cp = Integer.parseInt(hex, 16);
        } catch (NumberFormatException ex) {
            throw new TextException("illegal escape", line);
        }
        if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000)) {
            throw new TextException("illegal escape", line);
        }
        buf.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
    }

    private char peek(int ahead) {
        int p = pos + ahead;
        return p < src.length() ? src.charAt(p) : '\0';
    }

    static boolean isIdChar(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                || ID_CHARS.indexOf(c) >= 0;
    }
}
