package dev.weft.wast;

import dev.weft.interpreter.MalformedModuleException;
import dev.weft.interpreter.ast.AbsHeapType;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.text.Numbers;
import dev.weft.interpreter.text.SExpr;
import dev.weft.interpreter.text.TextException;
import dev.weft.interpreter.text.Token;
import dev.weft.interpreter.text.WatParser;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a {@code .wast} script into {@link WastCommand}s. Text modules are parsed eagerly;
 * one that fails to parse becomes a {@link ModuleSource.Text} holding the failure, so only
 * that command fails. Quote modules keep their text and binary modules their bytes. A script
 * that is itself not well formed (unbalanced parentheses, a bad constant or action) fails as
 * a whole with {@link IllegalArgumentException} naming the line. Commands this parser does not
 * know (e.g. the threads proposal's {@code thread}/{@code wait}) become {@link WastCommand.Meta}
 * with their keyword, so a runner can report them as unsupported.
 */
public final class WastParser {
    private WastParser() {}

    /** Parses the script text; {@code name} labels it in messages. */
    public static WastScript parse(String name, String text) {
        List<SExpr> top;
        try {
            top = SExpr.read(text);
        } catch (TextException e) {
            throw new IllegalArgumentException(name + ":" + e.where() + ": " + e.getMessage(), e);
        }
        List<WastCommand> commands = new ArrayList<>();
        if (!top.isEmpty() && top.get(0) instanceof SExpr.Node first && isModuleField(first.head())) {
            commands.add(inlineModule(top, first.line()));
            return new WastScript(name, commands);
        }
        for (SExpr e : top) {
            try {
                commands.add(command(node(e)));
            } catch (TextException ex) {
                throw new IllegalArgumentException(name + ":" + ex.where() + ": " + ex.getMessage(), ex);
            }
        }
        return new WastScript(name, commands);
    }

    /** Parses the script text. */
    public static WastScript parse(String text) {
        return parse("script", text);
    }

    private static boolean isModuleField(String head) {
        return head != null && switch (head) {
            case "type", "rec", "import", "func", "table", "memory", "global", "tag", "export",
                    "start", "elem", "data" -> true;
            default -> false;
        };
    }

    /** A script that is just module fields: one module. */
    private static WastCommand inlineModule(List<SExpr> fields, int line) {
        List<SExpr> items = new ArrayList<>();
        items.add(new SExpr.Atom(new Token(Token.Kind.ATOM, "module", null, line)));
        items.addAll(fields);
        return new WastCommand.DefineModule(line, null, false, moduleSource(new SExpr.Node(items, line)));
    }

    private static WastCommand command(SExpr.Node n) {
        String head = n.head() == null ? "" : n.head();
        Items it = new Items(n);
        int line = n.line();
        return switch (head) {
            case "module" -> moduleCommand(n);
            case "register" -> new WastCommand.Register(line, it.string(), it.optId());
            case "invoke", "get" -> new WastCommand.Action(line, action(n));
            case "assert_return" -> assertReturn(it, line);
            case "assert_trap" -> assertTrap(it, line);
            case "assert_exhaustion" -> new WastCommand.AssertExhaustion(line, action(it.node()), it.string());
            case "assert_exception" -> new WastCommand.AssertException(line, action(it.node()));
            case "assert_suspension" -> new WastCommand.AssertSuspension(line, action(it.node()), it.string());
            case "assert_invalid" -> new WastCommand.AssertInvalid(line, moduleSource(it.node()), it.string());
            case "assert_malformed" -> new WastCommand.AssertMalformed(line, moduleSource(it.node()), it.string());
            case "assert_unlinkable" -> new WastCommand.AssertUnlinkable(line, moduleSource(it.node()), it.string());
            case "assert_uninstantiable" ->
                    new WastCommand.AssertUninstantiable(line, moduleSource(it.node()), it.string());
            default -> new WastCommand.Meta(line, head);
        };
    }

    private static WastCommand assertReturn(Items it, int line) {
        WastAction action = action(it.node());
        List<WastPattern> expected = new ArrayList<>();
        while (!it.atEnd()) {
            expected.add(pattern(it.node()));
        }
        return new WastCommand.AssertReturn(line, action, expected);
    }

    private static WastCommand assertTrap(Items it, int line) {
        SExpr.Node target = it.node();
        String message = it.string();
        if ("module".equals(target.head())) {
            return new WastCommand.AssertUninstantiable(line, moduleSource(target), message);
        }
        return new WastCommand.AssertTrap(line, action(target), message);
    }

    private static WastCommand moduleCommand(SExpr.Node n) {
        Items it = new Items(n);
        if (it.peekKeyword("instance")) {
            it.next();
            String instance = it.optId();
            String definition = it.optId();
            return new WastCommand.InstantiateModule(n.line(), instance, definition);
        }
        boolean definition = it.peekKeyword("definition");
        if (definition) {
            it.next();
        }
        String name = it.optId();
        return new WastCommand.DefineModule(n.line(), name, definition, moduleSource(n));
    }

    /** The source of a {@code (module ...)} list (text, binary or quote). */
    private static ModuleSource moduleSource(SExpr.Node n) {
        if (!"module".equals(n.head())) {
            throw new TextException("unexpected token", n);
        }
        Items it = new Items(n);
        int start = 1;
        if (it.peekKeyword("definition")) {
            it.next();
            start++;
        }
        if (it.optId() != null) {
            start++;
        }
        if (it.peekKeyword("binary") || it.peekKeyword("quote")) {
            boolean binary = it.next().equals("binary");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            while (!it.atEnd()) {
                bytes.writeBytes(it.bytes());
            }
            return binary ? new ModuleSource.Binary(bytes.toByteArray())
                    : new ModuleSource.Quote(bytes.toByteArray());
        }
        List<SExpr> fields = new ArrayList<>(n.items().subList(start, n.items().size()));
        fields.add(0, n.items().get(0));
        try {
            return new ModuleSource.Text(WatParser.parseModule(new SExpr.Node(fields, n.line())), null);
        } catch (MalformedModuleException e) {
            return new ModuleSource.Text(null, e);
        }
    }

    private static WastAction action(SExpr.Node n) {
        Items it = new Items(n);
        String head = n.head() == null ? "" : n.head();
        String instance = it.optId();
        String name = it.string();
        List<WastValue> args = new ArrayList<>();
        WastAction.Kind kind = switch (head) {
            case "invoke" -> WastAction.Kind.INVOKE;
            case "get" -> WastAction.Kind.GET;
            default -> throw new TextException("unexpected token", n);
        };
        while (!it.atEnd()) {
            args.add(value(it.node()));
        }
        return new WastAction(kind, instance, name, args);
    }

    /** A constant such as {@code (i32.const 1)} or {@code (ref.extern 2)}. */
    static WastValue value(SExpr.Node n) {
        Items it = new Items(n);
        String head = n.head() == null ? "" : n.head();
        int line = n.line();
        WastValue v = switch (head) {
            case "i32.const" -> new WastValue.I32((int) Numbers.integer(it.atom(), 32, line));
            case "i64.const" -> new WastValue.I64(Numbers.integer(it.atom(), 64, line));
            case "f32.const" -> new WastValue.F32(Numbers.f32(it.atom(), line));
            case "f64.const" -> new WastValue.F64(Numbers.f64(it.atom(), line));
            case "v128.const" -> new WastValue.V128(it.atom(), it.rest());
            case "ref.null" -> new WastValue.RefNull(it.atEnd() ? null : AbsHeapType.fromText(it.any()));
            case "ref.extern" -> new WastValue.RefExtern(Numbers.unsigned(it.atom(), 64, line));
            case "ref.host" -> new WastValue.RefHost(Numbers.unsigned(it.atom(), 64, line));
            default -> throw new TextException("unknown constant " + head, line);
        };
        it.expectEnd();
        return v;
    }

    private static WastPattern pattern(SExpr.Node n) {
        String head = n.head() == null ? "" : n.head();
        List<SExpr> items = n.items();
        if (head.equals("either")) {
            List<WastPattern> alternatives = new ArrayList<>();
            for (SExpr e : items.subList(1, items.size())) {
                alternatives.add(pattern(node(e)));
            }
            return new WastPattern.Either(alternatives);
        }
        if ((head.equals("f32.const") || head.equals("f64.const")) && items.size() == 2) {
            String literal = new Items(n).atom().replaceFirst("^[+-]", "");
            if (literal.equals("nan:canonical") || literal.equals("nan:arithmetic")) {
                NumType type = head.equals("f32.const") ? NumType.F32 : NumType.F64;
                return new WastPattern.Nan(type, literal.equals("nan:canonical"));
            }
        }
        if (head.equals("v128.const")) {
            Items it = new Items(n);
            return new WastPattern.V128(it.atom(), it.rest());
        }
        WastPattern.RefKind kind = WastPattern.RefKind.of(head);
        if (kind != null && (items.size() == 1 || kind == WastPattern.RefKind.FUNC)) {
            return new WastPattern.Ref(kind);
        }
        return new WastPattern.Exact(value(n));
    }

    private static SExpr.Node node(SExpr e) {
        if (e instanceof SExpr.Node n) {
            return n;
        }
        throw new TextException("unexpected token " + e, e);
    }

    /** Sequential access to the items of a list after its head keyword. */
    private static final class Items {
        private final List<SExpr> items;
        private final int line;
        private int pos;

        Items(SExpr.Node n) {
            this.items = n.items();
            this.line = n.line();
            this.pos = n.head() != null ? 1 : 0;
        }

        boolean atEnd() {
            return pos >= items.size();
        }

        private Token peekToken(Token.Kind kind) {
            if (!atEnd() && items.get(pos) instanceof SExpr.Atom a && a.token().kind() == kind) {
                return a.token();
            }
            return null;
        }

        boolean peekKeyword(String keyword) {
            Token t = peekToken(Token.Kind.ATOM);
            return t != null && t.text().equals(keyword);
        }

        String next() {
            return atom();
        }

        String optId() {
            Token t = peekToken(Token.Kind.ID);
            if (t != null) {
                pos++;
                return t.text();
            }
            return null;
        }

        String atom() {
            Token t = peekToken(Token.Kind.ATOM);
            if (t == null) {
                throw new TextException("unexpected token", line);
            }
            pos++;
            return t.text();
        }

        /** An atom or an id (ids with their {@code $}). */
        String any() {
            Token t = peekToken(Token.Kind.ID);
            if (t != null) {
                pos++;
                return "$" + t.text();
            }
            return atom();
        }

        List<String> rest() {
            List<String> out = new ArrayList<>();
            while (!atEnd()) {
                out.add(atom());
            }
            return out;
        }

        byte[] bytes() {
            Token t = peekToken(Token.Kind.STRING);
            if (t == null) {
                throw new TextException("unexpected token", line);
            }
            pos++;
            return t.bytes();
        }

        String string() {
            Token t = peekToken(Token.Kind.STRING);
            if (t == null) {
                throw new TextException("unexpected token", line);
            }
            pos++;
            return t.utf8();
        }

        SExpr.Node node() {
            if (atEnd()) {
                throw new TextException("unexpected token", line);
            }
            return WastParser.node(items.get(pos++));
        }

        void expectEnd() {
            if (!atEnd()) {
                throw new TextException("unexpected token", line);
            }
        }
    }
}
