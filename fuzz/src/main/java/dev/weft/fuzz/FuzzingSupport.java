package dev.weft.fuzz;

import dev.weft.interpreter.CompiledModule;
import dev.weft.interpreter.Instance;
import dev.weft.interpreter.InvalidModuleException;
import dev.weft.interpreter.Linker;
import dev.weft.interpreter.MalformedModuleException;
import dev.weft.interpreter.Table;
import dev.weft.interpreter.Tag;
import dev.weft.interpreter.Trap;
import dev.weft.interpreter.UninstantiableException;
import dev.weft.interpreter.UnlinkableException;
import dev.weft.interpreter.Value;
import dev.weft.interpreter.WasmException;
import dev.weft.interpreter.WasmFunction;
import dev.weft.interpreter.Global;
import dev.weft.interpreter.HostFunction;
import dev.weft.interpreter.Externs;
import dev.weft.interpreter.ast.AbsHeapType;
import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.Export;
import dev.weft.interpreter.ast.ExternKind;
import dev.weft.interpreter.ast.GlobalType;
import dev.weft.interpreter.ast.Import;
import dev.weft.interpreter.ast.ImportDesc;
import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.ValType;
import dev.weft.interpreter.binary.BinaryDecoder;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a module the way binaryen's {@code --fuzz-exec} does, on Weft, and writes the same kind of
 * output: binaryen's {@code fuzzing-support} host imports ({@code log-*}, {@code throw},
 * {@code table-get}/{@code table-set}, {@code call-export}[{@code -catch}], {@code call-ref}[{@code -catch}],
 * {@code sleep}), its {@code wasmtag}/{@code jstag} tags and synthesised {@code __fuzz_import}
 * externref globals; then every export in order: a function is called with zero arguments, a
 * global's value is logged. Numbers are written by {@link #token} with their type, so that
 * {@link OutputComparison} can compare them with binaryen's untyped text exactly.
 */
final class FuzzingSupport {
    /** The payload of a "JS" exception ({@code jserror} in binaryen's output). */
    static final Object JS_ERROR = new Object() {
        @Override
        public String toString() {
            return "jserror";
        }
    };

    /** A synthesised imported externref: binaryen prints it as {@code externref(N)}. */
    record ExternPayload(int n) {
        @Override
        public String toString() {
            return "externref(" + n + ")";
        }
    }

    private final Module module;
    private final List<String> out = new ArrayList<>();
    private final Tag wasmTag;
    private final Tag jsTag;
    private Instance instance;

    private FuzzingSupport(Module module) {
        this.module = module;
        // Tag.create makes tags no import matches, so the two tags come from a module of their own.
        Instance tags = TagsModule.instantiate();
        this.wasmTag = (Tag) tags.export("wasmtag");
        this.jsTag = (Tag) tags.export("jstag");
    }

    /** A module that defines binaryen's two fuzzing tags, compiled once. */
    private static final class TagsModule {
        private static final CompiledModule COMPILED = compile();

        private static CompiledModule compile() {
            try {
                return CompiledModule.compile(dev.weft.interpreter.text.WatParser.parseModule(
                        "(module (tag (export \"wasmtag\") (param i32)) (tag (export \"jstag\") (param externref)))"));
            } catch (MalformedModuleException | InvalidModuleException e) {
                throw new IllegalStateException(e);
            }
        }

        static Instance instantiate() {
            try {
                return new Linker().instantiate(COMPILED);
            } catch (UnlinkableException | UninstantiableException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * The only line when an exception escapes the start function (binaryen 132's wording; a
     * {@code call-export} from the start function is such an exception, as in JS, where the
     * exports do not exist yet).
     */
    static final String START_EXCEPTION = "[exception thrown: failed to instantiate module]";

    /**
     * Weft's output for {@code wasm} run by {@code tier}; a module Weft rejects gives one
     * {@code [weft rejected ...]} line.
     */
    static List<String> run(byte[] wasm, Tier tier) {
        Module m;
        CompiledModule compiled;
        try {
            m = BinaryDecoder.decode(wasm);
            compiled = CompiledModule.compile(m);
        } catch (MalformedModuleException | InvalidModuleException e) {
            return List.of("[weft rejected the module: " + e.getMessage() + "]");
        }
        FuzzingSupport host = new FuzzingSupport(m);
        try {
            host.instance = tier.instantiate(host.linker(), compiled);
        } catch (UnlinkableException e) {
            return List.of("[weft rejected the module: " + e.getMessage() + "]");
        } catch (UninstantiableException e) {
            // a segment or the start function failed: binaryen prints the trap and runs no export
            host.out.add(e.getCause() instanceof WasmException ? START_EXCEPTION : "[trap " + e.getMessage() + "]");
            return host.out;
        }
        host.callExports();
        return host.out;
    }

    private Linker linker() {
        Linker linker = new Linker();
        linker.define("fuzzing-support", "wasmtag", wasmTag);
        linker.define("fuzzing-support", "jstag", jsTag);
        List<dev.weft.interpreter.ast.SubType> types = module.types();
        for (Import imp : module.imports()) {
            if (imp.desc() instanceof ImportDesc.Func f
                    && types.get(f.typeIndex()).composite() instanceof CompositeType.Func type) {
                linker.define(imp.module(), imp.name(), HostFunction.of(type, args -> hostCall(imp, type, args)));
            } else if (imp.desc() instanceof ImportDesc.Global g && !g.type().mutable()
                    && g.type().type() instanceof RefType rt && rt.heapType() == AbsHeapType.EXTERN) {
                linker.define(imp.module(), imp.name(), Externs.global(g.type(),
                        Value.externRef(new ExternPayload(payload(imp)))));
            }
        }
        return linker;
    }

    /** binaryen's payload for a synthesised externref import: the names' characters summed modulo 251. */
    static int payload(Import imp) {
        int p = 0;
        for (String s : List.of(imp.module(), imp.name())) {
            for (byte c : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                p = (p + c) % 251;
            }
        }
        return p;
    }

    private void callExports() {
        for (Export e : module.exports()) {
            if (e.kind() == ExternKind.FUNC) {
                out.add("[fuzz-exec] export " + e.name());
                callExport(e.name(), (WasmFunction) instance.export(e.name()));
            } else if (e.kind() == ExternKind.GLOBAL) {
                out.add("[fuzz-exec] export " + e.name());
                out.add("[LoggingExternalInterface logging " + token(((Global) instance.export(e.name())).get()) + "]");
            }
        }
    }

    private void callExport(String name, WasmFunction f) {
        List<ValType> params = f.type().params();
        Value[] args = new Value[params.size()];
        for (int i = 0; i < args.length; i++) {
            if (params.get(i) instanceof RefType rt && !rt.nullable()) {
                out.add("[trap fuzzer can only send defaultable parameters to exports]");
                return;
            }
            args[i] = Value.zero(params.get(i));
        }
        try {
            Value[] results = f.call(args);
            if (results.length > 0) {
                out.add("[fuzz-exec] note result: " + name + " => " + token(results[0]));
                for (int i = 1; i < results.length; i++) {
                    out.add(token(results[i]));
                }
            }
        } catch (Trap t) {
            out.add("[trap " + t.getMessage() + "]");
        } catch (WasmException x) {
            StringBuilder line = new StringBuilder("[exception thrown: ").append(tagName(x.tag()));
            for (Value v : x.payload()) {
                line.append(' ').append(token(v));
            }
            out.add(line.append(']').toString());
        }
    }

    private String tagName(Tag tag) {
        if (tag == wasmTag) {
            return "imported-wasm-tag";
        }
        return tag == jsTag ? "imported-js-tag" : "wasm-tag";
    }

    private Value[] hostCall(Import imp, CompositeType.Func type, Value[] args) {
        if (!imp.module().equals("fuzzing-support")) {
            return zeros(type.results()); // binaryen ignores unknown imports
        }
        String base = imp.name();
        if (base.startsWith("log")) {
            StringBuilder line = new StringBuilder("[LoggingExternalInterface ")
                    .append(base.equals("log-branch") ? "log-branch" : "logging");
            for (Value v : args) {
                if (v.type() == NumType.I64) { // as two i32s, low then high, like binaryen
                    line.append(' ').append((int) v.asLong()).append(' ').append((int) (v.asLong() >> 32));
                } else {
                    line.append(' ').append(token(v));
                }
            }
            out.add(line.append(']').toString());
            return new Value[0];
        }
        return switch (base) {
            case "throw" -> throw args[0].asInt() == 0 ? jsError() : new WasmException(wasmTag, args[0]);
            case "table-get" -> new Value[] {Value.ref((RefType) type.results().get(0), table(args[0]).get(index(args[0])))};
            case "table-set" -> {
                table(args[0]).set(index(args[0]), args[1].ref());
                yield new Value[0];
            }
            case "call-export" -> {
                callExportAsJs(args[0].asInt());
                yield new Value[0];
            }
            case "call-export-catch" -> new Value[] {Value.i32(catching(() -> callExportAsJs(args[0].asInt())))};
            case "call-ref" -> {
                callRefAsJs(args[0]);
                yield new Value[0];
            }
            case "call-ref-catch" -> new Value[] {Value.i32(catching(() -> callRefAsJs(args[0])))};
            case "sleep" -> new Value[] {args[1]};
            default -> throw new IllegalStateException("unknown fuzzing-support import " + base);
        };
    }

    private WasmException jsError() {
        return new WasmException(jsTag, Value.externRef(JS_ERROR));
    }

    private static long index(Value v) {
        return v.type() == NumType.I32 ? Integer.toUnsignedLong(v.asInt()) : v.asLong();
    }

    /**
     * The table exported as "table", checked like binaryen does: a JS exception when absent or out
     * of range, or during the start function (no exports yet, as in JS).
     */
    private Table table(Value index) {
        if (instance == null || !(instance.export("table") instanceof Table t) || Long.compareUnsigned(index(index), t.size()) >= 0) {
            throw jsError();
        }
        return t;
    }

    private static int catching(Runnable r) {
        try {
            r.run();
            return 0;
        } catch (WasmException e) {
            return 1;
        }
    }

    private void callExportAsJs(int index) {
        if (instance == null || index < 0 || index >= module.exports().size()
                || module.exports().get(index).kind() != ExternKind.FUNC) {
            throw jsError();
        }
        callAsJs((WasmFunction) instance.export(module.exports().get(index).name()));
    }

    /**
     * A function reference called "from JS". Unlike {@code call-export}, this works during the
     * start function too: JS holds the function itself and needs no exports (binaryen 132 and V8
     * both call it).
     */
    private void callRefAsJs(Value ref) {
        if (!(ref.ref() instanceof WasmFunction f)) {
            throw jsError();
        }
        callAsJs(f);
    }

    /** A call from "JS": zero arguments, and a JS exception for a type JS cannot pass (binaryen's rules). */
    private void callAsJs(WasmFunction f) {
        List<ValType> params = f.type().params();
        for (ValType p : params) {
            if (p == NumType.I64 || trapsOnJsBoundary(p) || (p instanceof RefType rt && !rt.nullable())) {
                throw jsError();
            }
        }
        for (ValType r : f.type().results()) {
            if (trapsOnJsBoundary(r)) {
                throw jsError();
            }
        }
        f.call(zeros(params));
    }

    private static boolean trapsOnJsBoundary(ValType t) {
        if (t == NumType.V128) {
            return true;
        }
        if (t instanceof RefType rt && rt.heapType() instanceof AbsHeapType h) {
            return h == AbsHeapType.EXN || h == AbsHeapType.NOEXN || h == AbsHeapType.CONT || h == AbsHeapType.NOCONT;
        }
        return false;
    }

    private static Value[] zeros(List<ValType> types) {
        Value[] v = new Value[types.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = Value.zero(types.get(i));
        }
        return v;
    }

    /**
     * A value as a token: integers in decimal, floats as {@code <f32>}/{@code <f64>} followed by
     * Java's exact decimal form ({@code nan}, {@code inf}, {@code -inf} for the specials), and
     * references as binaryen prints them: {@code null}, {@code function}, {@code externref(N)},
     * {@code jserror}, otherwise {@code object}.
     */
    static String token(Value v) {
        if (v.type() instanceof RefType) {
            Object r = v.ref();
            if (r == null) {
                return "null";
            }
            if (r instanceof WasmFunction) {
                return "function";
            }
            return r == JS_ERROR || r instanceof ExternPayload ? r.toString() : "object";
        }
        return switch ((NumType) v.type()) {
            case I32 -> Integer.toString(v.asInt());
            case I64 -> Long.toString(v.asLong());
            case F32 -> "<f32>" + floatText(v.asFloat());
            case F64 -> "<f64>" + floatText(v.asDouble());
            case V128 -> "v128";
        };
    }

    private static String floatText(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        return Double.toString(d);
    }
}
