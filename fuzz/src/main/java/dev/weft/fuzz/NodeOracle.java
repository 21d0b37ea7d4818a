package dev.weft.fuzz;

import dev.weft.interpreter.MalformedModuleException;
import dev.weft.interpreter.ast.AbsHeapType;
import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.Export;
import dev.weft.interpreter.ast.ExternKind;
import dev.weft.interpreter.ast.Import;
import dev.weft.interpreter.ast.ImportDesc;
import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.ValType;
import dev.weft.interpreter.binary.BinaryDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Node 26 (V8) as a second oracle: {@code node-shell.mjs} runs the module with the same
 * fuzzing-support imports and prints binaryen's line format. An export that JS cannot call (v128,
 * exnref or contref in the signature) ends the run with {@code [not callable from JS]}, an exnref
 * global is {@code [not readable from JS]}, and V8 cannot see the payload of an exception with one
 * of the module's own tags; {@link OutputComparison#firstDifference(List, List, boolean)} allows
 * for all three.
 */
final class NodeOracle {
    private final Path node;
    private final Path shell;

    NodeOracle(Path node) throws IOException {
        this.node = node;
        this.shell = Processes.scriptFile("node-shell.mjs");
    }

    List<String> run(byte[] wasm) throws IOException {
        Module m;
        try {
            m = BinaryDecoder.decode(wasm);
        } catch (MalformedModuleException e) {
            throw new IOException("the module does not decode: " + e.getMessage());
        }
        Path dir = Files.createTempDirectory("weft-node");
        try {
            Path in = dir.resolve("m.wasm");
            Path side = dir.resolve("m.json");
            Files.write(in, wasm);
            Files.writeString(side, sidecar(m));
            return Processes.run(List.of(node.toString(), "--experimental-wasm-exnref", "--stack-size=4000",
                    shell.toString(), in.toString(), side.toString()), 120).lines().toList();
        } finally {
            Binaryen.deleteTree(dir);
        }
    }

    private static String sidecar(Module m) {
        List<String> exports = new ArrayList<>();
        for (Export e : m.exports()) {
            String kind = e.kind() == ExternKind.FUNC ? "func" : e.kind() == ExternKind.GLOBAL ? "global" : "other";
            String sig = "";
            if (e.kind() == ExternKind.FUNC && functionType(m, e.index()) instanceof CompositeType.Func f) {
                sig = ",\"params\":" + codes(f.params()) + ",\"results\":" + codes(f.results());
            }
            exports.add("{\"name\":" + quote(e.name()) + ",\"kind\":\"" + kind + "\"" + sig + "}");
        }
        List<String> functions = new ArrayList<>();
        int count = m.imports(ExternKind.FUNC).size() + m.functions().size();
        for (int i = 0; i < count; i++) {
            functions.add(functionType(m, i) instanceof CompositeType.Func f
                    ? "{\"params\":" + codes(f.params()) + ",\"results\":" + codes(f.results()) + "}" : "null");
        }
        List<String> externs = new ArrayList<>();
        for (Import imp : m.imports()) {
            if (imp.desc() instanceof ImportDesc.Global) {
                externs.add(quote(imp.module() + "." + imp.name()) + ":" + FuzzingSupport.payload(imp));
            }
        }
        return "{\"exports\":[" + String.join(",", exports) + "],\"functions\":[" + String.join(",", functions)
                + "],\"externs\":{" + String.join(",", externs) + "}}";
    }

    private static CompositeType functionType(Module m, int funcIndex) {
        List<Import> funcImports = m.imports(ExternKind.FUNC);
        int typeIndex = funcIndex < funcImports.size() ? ((ImportDesc.Func) funcImports.get(funcIndex).desc()).typeIndex()
                : m.functions().get(funcIndex - funcImports.size()).typeIndex();
        return m.types().get(typeIndex).composite();
    }

    private static String codes(List<ValType> types) {
        List<String> out = new ArrayList<>();
        for (ValType t : types) {
            out.add("\"" + code(t) + "\"");
        }
        return "[" + String.join(",", out) + "]";
    }

    private static String code(ValType t) {
        if (t instanceof RefType rt) {
            boolean jsBad = rt.heapType() instanceof AbsHeapType h
                    && (h == AbsHeapType.EXN || h == AbsHeapType.NOEXN || h == AbsHeapType.CONT || h == AbsHeapType.NOCONT);
            return jsBad ? "jsbad" : rt.nullable() ? "ref" : "nondef";
        }
        return t == NumType.V128 ? "jsbad" : t.toString().toLowerCase(java.util.Locale.ROOT);
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
