package dev.weft.interpreter.text;

import dev.weft.interpreter.MalformedModuleException;
import dev.weft.interpreter.ast.Module;
import java.util.List;

/**
 * Entry point of the WebAssembly text format parser: turns a {@code (module ...)} (or the
 * bare list of module fields) into a {@link Module} whose indices are all numeric.
 * Failures are {@link MalformedModuleException}s whose messages start with the spec
 * interpreter's wording ("unexpected token", "unknown operator", "inline function type", ...).
 */
public final class WatParser {
    private WatParser() {}

    /** Parses module text. */
    public static Module parseModule(String text) throws MalformedModuleException {
        try {
            return parseItems(SExpr.read(text));
        } catch (TextException e) {
            throw malformed(e);
        }
    }

    /** Parses module text given as UTF-8 bytes (e.g. a WAST {@code quote} module). */
    public static Module parseModule(byte[] utf8) throws MalformedModuleException {
        try {
            return parseItems(SExpr.read(Utf8.decode(utf8, 0)));
        } catch (TextException e) {
            throw malformed(e);
        }
    }

    /**
     * Parses the module of an already read {@code (module $id? field*)} list; used by the
     * WAST parser. Throws the internal {@link TextException} for the caller to convert.
     */
    static Module parseModuleNode(SExpr.Node node) {
        List<SExpr> items = node.items();
        int start = 1;
        if (items.size() > 1 && items.get(1) instanceof SExpr.Atom a && a.token().kind() == Token.Kind.ID) {
            start = 2;
        }
        return ModuleParser.parse(items.subList(start, items.size()));
    }

    private static Module parseItems(List<SExpr> items) {
        if (items.size() == 1 && items.get(0) instanceof SExpr.Node n && "module".equals(n.head())) {
            return parseModuleNode(n);
        }
        return ModuleParser.parse(items);
    }

    /** Parses an already read {@code (module $id? field*)} list (used by the WAST parser). */
    public static Module parseModule(SExpr.Node node) throws MalformedModuleException {
        try {
            return parseModuleNode(node);
        } catch (TextException e) {
            throw malformed(e);
        }
    }

    /** Converts the internal failure to the public checked exception. */
    public static MalformedModuleException malformed(TextException e) {
        String where = e.line() <= 0 ? "" : e.column() > 0 ? ": line " + e.line() + ", column " + e.column()
                : ": line " + e.line();
        return new MalformedModuleException(e.getMessage() + where, e);
    }
}
