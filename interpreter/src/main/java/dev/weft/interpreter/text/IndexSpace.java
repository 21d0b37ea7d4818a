package dev.weft.interpreter.text;

import java.util.HashMap;
import java.util.Map;

/**
 * One index space of a module or function (types, functions, locals, fields, ...): the number
 * of entries defined so far and the symbolic names bound to some of them.
 */
final class IndexSpace {
    private final String kind;
    private final String unknown;
    private final Map<String, Integer> names = new HashMap<>();
    private int count;

    IndexSpace(String kind, String unknownMessage) {
        this.kind = kind;
        this.unknown = unknownMessage;
    }

    IndexSpace(String kind) {
        this(kind, "unknown " + kind);
    }

    /** Adds an entry, optionally named; fails with "duplicate KIND" when the name is taken. */
    int define(String name, int line) {
        if (name != null) {
            if (names.containsKey(name)) {
                throw new TextException("duplicate " + kind, line);
            }
            names.put(name, count);
        }
        return count++;
    }

    int count() {
        return count;
    }

    /** The index bound to {@code name}; fails with "unknown KIND". */
    int lookup(String name, int line) {
        Integer index = names.get(name);
        if (index == null) {
            throw new TextException(unknown + " $" + name, line);
        }
        return index;
    }

    /** Resolves an index token: a u32 literal or a {@code $name}. */
    int resolve(Token t) {
        if (t.kind() == Token.Kind.ID) {
            try {
                return lookup(t.text(), t.line());
            } catch (TextException e) {
                throw e.at(t);
            }
        }
        if (t.kind() == Token.Kind.ATOM) {
            return (int) Numbers.unsigned(t, 32);
        }
        throw new TextException("unexpected token", t);
    }

    /** Reads and resolves the next index of {@code c}. */
    int read(Cursor c) {
        if (!c.peekIndex()) {
            throw c.error("unexpected token");
        }
        return resolve(((SExpr.Atom) c.next()).token());
    }

    /** Reads an index if one is next, else returns {@code dflt}. */
    int readOptional(Cursor c, int dflt) {
        return c.peekIndex() ? read(c) : dflt;
    }
}
