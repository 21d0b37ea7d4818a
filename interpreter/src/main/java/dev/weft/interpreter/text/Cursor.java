package dev.weft.interpreter.text;

import java.util.List;

/**
 * Reads the items of one S-expression list from left to right. Invariant: {@code pos} is
 * the index of the next unread item.
 */
final class Cursor {
    private final List<SExpr> items;
    private final int line;
    private final int column;
    private int pos;

    Cursor(List<SExpr> items, int start, int line, int column) {
        this.items = items;
        this.pos = start;
        this.line = line;
        this.column = column;
    }

    /** A cursor over a list's items after its head keyword. */
    static Cursor body(SExpr.Node node) {
        return new Cursor(node.items(), node.head() != null ? 1 : 0, node.line(), node.column());
    }

    boolean atEnd() {
        return pos >= items.size();
    }

    SExpr peek() {
        return atEnd() ? null : items.get(pos);
    }

    SExpr next() {
        if (atEnd()) {
            throw error("unexpected token");
        }
        return items.get(pos++);
    }

    int line() {
        return atEnd() ? line : items.get(pos).line();
    }

    /** A failure at the next item, or at the list's start when all was read. */
    TextException error(String message) {
        return atEnd() ? new TextException(message, line, column) : new TextException(message, items.get(pos));
    }

    /** The next token if it is an atom of {@code kind}, else null. */
    Token peekToken(Token.Kind kind) {
        if (peek() instanceof SExpr.Atom a && a.token().kind() == kind) {
            return a.token();
        }
        return null;
    }

    boolean peekKeyword(String keyword) {
        Token t = peekToken(Token.Kind.ATOM);
        return t != null && t.text().equals(keyword);
    }

    /** True if the next item is a list headed by {@code keyword}. */
    boolean peekList(String keyword) {
        return peek() instanceof SExpr.Node n && keyword.equals(n.head());
    }

    boolean peekNode() {
        return peek() instanceof SExpr.Node;
    }

    /** True if the next item is a numeric-looking atom or an id (an index). */
    boolean peekIndex() {
        if (peekToken(Token.Kind.ID) != null) {
            return true;
        }
        Token t = peekToken(Token.Kind.ATOM);
        return t != null && !t.text().isEmpty() && Character.isDigit(t.text().charAt(0));
    }

    /** True if the item after the next one is an index or an {@code offset=}/{@code align=} atom. */
    boolean peekIndexOrMemArgAfterNext() {
        if (pos + 1 >= items.size() || !(items.get(pos + 1) instanceof SExpr.Atom a)) {
            return false;
        }
        Token t = a.token();
        if (t.kind() == Token.Kind.ID) {
            return true;
        }
        if (t.kind() != Token.Kind.ATOM || t.text().isEmpty()) {
            return false;
        }
        return Character.isDigit(t.text().charAt(0))
                || t.text().startsWith("offset=") || t.text().startsWith("align=");
    }

    /** Consumes an id if present; returns its name or null. */
    String optId() {
        Token t = peekToken(Token.Kind.ID);
        if (t == null) {
            return null;
        }
        pos++;
        return t.text();
    }

    /** Consumes the next atom, which must be a keyword/number, and returns its text. */
    String atom() {
        return atomToken().text();
    }

    /** Consumes the next atom, which must be a keyword/number, and returns it. */
    Token atomToken() {
        SExpr e = next();
        if (e instanceof SExpr.Atom a && a.token().kind() == Token.Kind.ATOM) {
            return a.token();
        }
        pos--;
        throw error("unexpected token");
    }

    void keyword(String keyword) {
        if (!peekKeyword(keyword)) {
            throw error("unexpected token");
        }
        pos++;
    }

    /** Consumes a string and returns its bytes. */
    byte[] string() {
        Token t = peekToken(Token.Kind.STRING);
        if (t == null) {
            throw error("unexpected token");
        }
        pos++;
        return t.bytes();
    }

    /** Consumes a string that must be valid UTF-8 and returns it. */
    String name() {
        Token t = peekToken(Token.Kind.STRING);
        if (t == null) {
            throw error("unexpected token");
        }
        pos++;
        return t.utf8();
    }

    /** Consumes a list and returns it. */
    SExpr.Node node() {
        if (peek() instanceof SExpr.Node n) {
            pos++;
            return n;
        }
        throw error("unexpected token");
    }

    /** Consumes a list headed by {@code keyword} and returns a cursor over its body. */
    Cursor enter(String keyword) {
        if (!peekList(keyword)) {
            throw error("unexpected token");
        }
        return body((SExpr.Node) items.get(pos++));
    }

    /** Fails with "unexpected token" unless everything was read. */
    void expectEnd() {
        if (!atEnd()) {
            throw error("unexpected token");
        }
    }
}
