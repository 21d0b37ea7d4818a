package dev.weft.interpreter.text;

import java.util.ArrayList;
import java.util.List;

/** An S-expression: a single token or a parenthesised list. */
public sealed interface SExpr permits SExpr.Atom, SExpr.Node {

    /** The 1-based line where this expression starts. */
    int line();

    /** The 1-based column where this expression starts, or 0 if unknown. */
    int column();

    /** A single non-parenthesis token. */
    record Atom(Token token) implements SExpr {
        @Override
        public int line() {
            return token.line();
        }

        @Override
        public int column() {
            return token.column();
        }
    }

    /** A parenthesised list. */
    record Node(List<SExpr> items, int line, int column) implements SExpr {
        public Node {
            items = List.copyOf(items);
        }

        /** A list a parser makes up around items (not read from the source): only its line is known. */
        public Node(List<SExpr> items, int line) {
            this(items, line, 0);
        }

        /** The keyword at the head of the list, or null. */
        public String head() {
            if (!items.isEmpty() && items.get(0) instanceof Atom a
                    && a.token().kind() == Token.Kind.ATOM) {
                return a.token().text();
            }
            return null;
        }
    }

    /** Reads all top-level S-expressions of {@code text}. */
    static List<SExpr> read(String text) {
        List<Token> tokens = Lexer.tokenize(text);
        List<List<SExpr>> stack = new ArrayList<>();
        List<Token> opening = new ArrayList<>();
        List<SExpr> top = new ArrayList<>();
        List<SExpr> current = top;
        for (Token t : tokens) {
            switch (t.kind()) {
                case LPAREN -> {
                    stack.add(current);
                    opening.add(t);
                    current = new ArrayList<>();
                }
                case RPAREN -> {
                    if (stack.isEmpty()) {
                        throw new TextException("unexpected token", t);
                    }
                    Token open = opening.remove(opening.size() - 1);
                    Node node = new Node(current, open.line(), open.column());
                    current = stack.remove(stack.size() - 1);
                    current.add(node);
                }
                default -> current.add(new Atom(t));
            }
        }
        if (!stack.isEmpty()) {
            throw new TextException("unexpected end", opening.get(opening.size() - 1));
        }
        return top;
    }
}
