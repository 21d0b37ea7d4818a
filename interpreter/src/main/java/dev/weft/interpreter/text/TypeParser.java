package dev.weft.interpreter.text;

import dev.weft.interpreter.ast.AbsHeapType;
import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.ConcreteHeapType;
import dev.weft.interpreter.ast.FieldType;
import dev.weft.interpreter.ast.HeapType;
import dev.weft.interpreter.ast.Limits;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.StorageType;
import dev.weft.interpreter.ast.SubType;
import dev.weft.interpreter.ast.ValType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Parses value, reference, heap, storage and defined types, limits and type uses. */
final class TypeParser {
    private final ModuleContext ctx;

    TypeParser(ModuleContext ctx) {
        this.ctx = ctx;
    }

    /** True if the next item starts a value type. */
    boolean peekValType(Cursor c) {
        if (c.peekList("ref")) {
            return true;
        }
        Token t = c.peekToken(Token.Kind.ATOM);
        return t != null && (numType(t.text()) != null || shorthand(t.text()) != null);
    }

    /** True if the next item starts a reference type. */
    boolean peekRefType(Cursor c) {
        Token t = c.peekToken(Token.Kind.ATOM);
        return c.peekList("ref") || (t != null && shorthand(t.text()) != null);
    }

    ValType valType(Cursor c) {
        Token t = c.peekToken(Token.Kind.ATOM);
        if (t != null && numType(t.text()) != null) {
            c.next();
            return numType(t.text());
        }
        return refType(c);
    }

    RefType refType(Cursor c) {
        Token t = c.peekToken(Token.Kind.ATOM);
        if (t != null) {
            RefType r = shorthand(t.text());
            if (r == null) {
                throw c.error(Keywords.isKnown(t.text()) ? "unexpected token" : "unknown operator " + t.text());
            }
            c.next();
            return r;
        }
        Cursor r = c.enter("ref");
        boolean nullable = false;
        if (r.peekKeyword("null")) {
            r.next();
            nullable = true;
        }
        HeapType ht = heapType(r);
        r.expectEnd();
        return new RefType(nullable, ht);
    }

    HeapType heapType(Cursor c) {
        Token t = c.peekToken(Token.Kind.ATOM);
        if (t != null && AbsHeapType.fromText(t.text()) != null) {
            c.next();
            return AbsHeapType.fromText(t.text());
        }
        return new ConcreteHeapType(ctx.types.read(c));
    }

    private static NumType numType(String s) {
        return switch (s) {
            case "i32" -> NumType.I32;
            case "i64" -> NumType.I64;
            case "f32" -> NumType.F32;
            case "f64" -> NumType.F64;
            case "v128" -> NumType.V128;
            default -> null;
        };
    }

    private static RefType shorthand(String s) {
        if (!s.endsWith("ref")) {
            return null;
        }
        String base = s.substring(0, s.length() - 3);
        if (base.startsWith("null")) {
            AbsHeapType bottom = switch (base) {
                case "null" -> AbsHeapType.NONE;
                case "nullfunc" -> AbsHeapType.NOFUNC;
                case "nullextern" -> AbsHeapType.NOEXTERN;
                case "nullexn" -> AbsHeapType.NOEXN;
                case "nullcont" -> AbsHeapType.NOCONT;
                default -> null;
            };
            return bottom == null ? null : new RefType(true, bottom);
        }
        AbsHeapType ht = AbsHeapType.fromText(base);
        return ht == null || base.startsWith("no") ? null : new RefType(true, ht);
    }

    /** {@code (mut t)} or {@code t}, where t may be a packed {@code i8}/{@code i16}. */
    FieldType fieldType(Cursor c) {
        if (c.peekList("mut")) {
            Cursor m = c.enter("mut");
            StorageType st = storageType(m);
            m.expectEnd();
            return new FieldType(st, true);
        }
        return new FieldType(storageType(c), false);
    }

    private StorageType storageType(Cursor c) {
        if (c.peekKeyword("i8") || c.peekKeyword("i16")) {
            return new StorageType(null, c.atom().equals("i8") ? 8 : 16);
        }
        return StorageType.of(valType(c));
    }

    /** The body of {@code (type $id? ...)}: a sub type or a composite type. */
    SubType subType(Cursor c) {
        if (!c.peekList("sub")) {
            return SubType.plain(compositeType(c));
        }
        Cursor s = c.enter("sub");
        boolean isFinal = false;
        if (s.peekKeyword("final")) {
            s.next();
            isFinal = true;
        }
        List<Integer> supers = new ArrayList<>();
        while (s.peekIndex()) {
            supers.add(ctx.types.read(s));
        }
        CompositeType comp = compositeType(s);
        s.expectEnd();
        return new SubType(isFinal, supers, comp);
    }

    private CompositeType compositeType(Cursor c) {
        SExpr.Node n = c.node();
        Cursor b = Cursor.body(n);
        String head = n.head() == null ? "" : n.head();
        CompositeType result = switch (head) {
            case "func" -> funcSignature(b, null);
            case "struct" -> struct(b);
            case "array" -> new CompositeType.Array(fieldType(b));
            case "cont" -> new CompositeType.Cont(ctx.types.read(b));
            default -> throw new TextException("unexpected token", n);
        };
        b.expectEnd();
        return result;
    }

    private CompositeType.Struct struct(Cursor c) {
        List<FieldType> fields = new ArrayList<>();
        while (!c.atEnd()) {
            Cursor f = c.enter("field");
            if (f.optId() != null) {
                fields.add(fieldType(f));
                f.expectEnd();
            } else {
                while (!f.atEnd()) {
                    fields.add(fieldType(f));
                }
            }
        }
        return new CompositeType.Struct(fields);
    }

    /** {@code (param ...)* (result ...)*}; collects parameter names into {@code names} if given. */
    CompositeType.Func funcSignature(Cursor c, List<String> names) {
        return funcSignature(c, names, true);
    }

    /** As above; with {@code allowNames} false a named parameter is "unexpected token". */
    CompositeType.Func funcSignature(Cursor c, List<String> names, boolean allowNames) {
        List<ValType> params = new ArrayList<>();
        List<ValType> results = new ArrayList<>();
        while (c.peekList("param")) {
            Cursor p = c.enter("param");
            String id = p.optId();
            if (id != null && !allowNames) {
                throw p.error("unexpected token");
            }
            if (id != null) {
                params.add(valType(p));
                p.expectEnd();
                addName(names, id);
            } else {
                while (!p.atEnd()) {
                    params.add(valType(p));
                    addName(names, null);
                }
            }
        }
        while (c.peekList("result")) {
            Cursor r = c.enter("result");
            while (!r.atEnd()) {
                results.add(valType(r));
            }
        }
        if (c.peekList("param")) {
            throw c.error("unexpected token");
        }
        return new CompositeType.Func(params, results);
    }

    private static void addName(List<String> names, String name) {
        if (names != null) {
            names.add(name);
        }
    }

    /** {@code (type x)? (param ...)* (result ...)*}, adding an implicit type when needed. */
    TypeUse typeUse(Cursor c) {
        return typeUse(c, true);
    }

    /** A type use; {@code allowNames} false (blocks, calls) rejects named parameters. */
    TypeUse typeUse(Cursor c, boolean allowNames) {
        int line = c.line();
        Integer explicit = null;
        if (c.peekList("type")) {
            Cursor t = c.enter("type");
            explicit = ctx.types.read(t);
            t.expectEnd();
        }
        boolean inline = c.peekList("param") || c.peekList("result");
        List<String> names = new ArrayList<>();
        CompositeType.Func sig = funcSignature(c, names, allowNames);
        if (explicit == null) {
            return new TypeUse(ctx.implicitType(sig.params(), sig.results(), line), names);
        }
        CompositeType.Func declared = ctx.funcType(explicit);
        if (inline && declared == null && explicit >= ctx.types.count()) {
            throw new TextException("unknown type", line);
        }
        if (inline && !sig.equals(declared)) {
            throw new TextException("inline function type", line);
        }
        if (!inline) {
            int n = declared == null ? 0 : declared.params().size();
            names = new ArrayList<>(Collections.nCopies(n, null));
        }
        return new TypeUse(explicit, names);
    }

    /** {@code i32|i64}? — the address type of a memory or table; true for i64. */
    boolean addressType(Cursor c) {
        if (c.peekKeyword("i64")) {
            c.next();
            return true;
        }
        if (c.peekKeyword("i32")) {
            c.next();
        }
        return false;
    }

    /** {@code min max?} for the given address width. */
    Limits limits(Cursor c, boolean is64) {
        long min = Numbers.unsigned(c.atomToken(), 64);
        long max = 0;
        Token t = c.peekToken(Token.Kind.ATOM);
        boolean hasMax = t != null && Numbers.isUnsigned(t.text());
        if (hasMax) {
            max = Numbers.unsigned(c.atomToken(), 64);
        }
        boolean shared = false;
        if (c.peekKeyword("shared")) {
            c.next();
            shared = true;
        }
        return new Limits(min, max, is64, shared, hasMax);
    }
}
