package dev.weft.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.CustomSection;
import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.text.WatParser;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A trap carries the interpreted Wasm call stack it left, innermost first, with name-section names. */
class TrapBacktraceTest {
    private static final String NESTED = """
        (module
          (import "host" "nop" (func))
          (func $outer (export "outer") call $middle)
          (func $middle call $inner)
          (func $inner unreachable))
        """;

    @Test
    void nestedCallsAreListedInnermostFirstWithTheirNames() throws Exception {
        Trap t = trapOf(NESTED, nameSection(1, "outer", 2, "middle", 3, "inner"), "outer");
        assertEquals(TrapKind.UNREACHABLE, t.kind());
        assertEquals(List.of(new WasmFrame(3, "inner"), new WasmFrame(2, "middle"), new WasmFrame(1, "outer")),
                t.backtrace());
        assertEquals("""
            wasm backtrace:
                0: func[3] - inner
                1: func[2] - middle
                2: func[1] - outer""", t.backtraceText());
    }

    @Test
    void compiledCodeFindsItsFramesOnTheJvmStack() throws Exception {
        Linker linker = new Linker();
        linker.define("host", "nop", HostFunction.of(new CompositeType.Func(List.of(), List.of()), args -> null));
        Instance inst = WatTesting.inTier("compiled",
                () -> linker.instantiate(compile(NESTED, nameSection(1, "outer", 2, "middle", 3, "inner"))));
        Trap t = assertThrows(Trap.class, () -> inst.function("outer").call());
        assertEquals(List.of(new WasmFrame(3, "inner"), new WasmFrame(2, "middle"), new WasmFrame(1, "outer")),
                t.backtrace());
    }

    @Test
    void aTrapMadeByAHostFunctionListsTheCompiledCallers() throws Exception {
        Linker linker = new Linker();
        linker.define("host", "fail", HostFunction.nonSwitching(new CompositeType.Func(List.of(), List.of()), args -> {
            throw new Trap(TrapKind.HOST, "refused");
        }));
        Instance inst = WatTesting.inTier("compiled", () -> linker.instantiate(compile("""
            (module
              (import "host" "fail" (func $fail))
              (func (export "go") call $work)
              (func $work call $fail))
            """, null)));
        Trap t = assertThrows(Trap.class, () -> inst.function("go").call());
        assertEquals(List.of(2, 1), indices(t));
    }

    @Test
    void withoutANameSectionFramesHaveIndicesOnly() throws Exception {
        Trap t = trapOf(NESTED, null, "outer");
        assertEquals(List.of(new WasmFrame(3, null), new WasmFrame(2, null), new WasmFrame(1, null)), t.backtrace());
        assertTrue(t.backtraceText().endsWith("2: func[1]"), t.backtraceText());
    }

    @Test
    void framesOfWasmCallingAHostThatCallsWasmAreAllListed() throws Exception {
        AtomicReference<Instance> self = new AtomicReference<>();
        Linker linker = new Linker();
        linker.define("host", "reenter", HostFunction.of(FunctionType.of().returning(),
                args -> self.get().function("fail").call()));
        Instance inst = interpreted(() -> linker.instantiate(compile("""
            (module
              (import "host" "reenter" (func $reenter))
              (func $go (export "go") call $reenter)
              (func $fail (export "fail") call $deeper)
              (func $deeper unreachable))
            """, null)));
        self.set(inst);
        Trap t = assertThrows(Trap.class, () -> inst.function("go").call());
        assertEquals(List.of(3, 2, 1), indices(t));
    }

    @Test
    void aTrapInAContinuationListsTheStacksThatResumedIt() throws Exception {
        Trap t = trapOf("""
            (module
              (type $f (func))
              (type $c (cont $f))
              (elem declare func $body)
              (func $body unreachable)
              (func $run (resume $c (cont.new $c (ref.func $body))))
              (func (export "go") call $run))
            """, null, "go");
        assertEquals(List.of(0, 1, 2), indices(t));
    }

    @Test
    void aDeepRecursionKeepsTheInnermostFramesAndCountsTheRest() throws Exception {
        Trap t = trapOf("""
            (module (func $down (export "down") call $down))
            """, null, "down");
        assertEquals(TrapKind.CALL_STACK_EXHAUSTED, t.kind());
        assertEquals(1000, t.backtrace().size());
        assertTrue(t.framesOmitted() > 100_000, "omitted " + t.framesOmitted());
        assertTrue(t.backtraceText().endsWith("more frames"), "the text says frames were left out");
    }

    @Test
    void aTrapRaisedByJavaAloneHasNoBacktrace() {
        Trap t = new Trap(TrapKind.HOST, "from Java");
        assertEquals(List.of(), t.backtrace());
        assertEquals("", t.backtraceText());
    }

    private static List<Integer> indices(Trap t) {
        return t.backtrace().stream().map(WasmFrame::functionIndex).toList();
    }

    private static Trap trapOf(String wat, byte[] names, String export) throws Exception {
        Linker linker = new Linker();
        linker.define("host", "nop", HostFunction.of(new CompositeType.Func(List.of(), List.of()), args -> null));
        Instance inst = interpreted(() -> linker.instantiate(compile(wat, names)));
        return assertThrows(Trap.class, () -> inst.function(export).call());
    }

    private static <T> T interpreted(java.util.concurrent.Callable<T> body) throws Exception {
        return WatTesting.inTier("interp", body);
    }

    private static CompiledModule compile(String wat, byte[] names) throws Exception {
        Module m = WatParser.parseModule(wat);
        if (names != null) {
            List<CustomSection> customs = new ArrayList<>(m.customs());
            customs.add(new CustomSection("name", names, 0));
            m = new Module(m.recTypes(), m.imports(), m.functions(), m.tables(), m.memories(), m.globals(), m.tags(),
                    m.exports(), m.start(), m.elements(), m.data(), m.dataCount(), customs);
        }
        return CompiledModule.compile(m);
    }

    /** A name section with only function names (subsection 1): pairs of index and name, all small. */
    private static byte[] nameSection(Object... indexAndName) {
        ByteArrayOutputStream entries = new ByteArrayOutputStream();
        entries.write(indexAndName.length / 2);
        for (int i = 0; i < indexAndName.length; i += 2) {
            byte[] name = ((String) indexAndName[i + 1]).getBytes(StandardCharsets.UTF_8);
            entries.write((Integer) indexAndName[i]);
            entries.write(name.length);
            entries.writeBytes(name);
        }
        ByteArrayOutputStream section = new ByteArrayOutputStream();
        section.write(1);
        section.write(entries.size());
        section.writeBytes(entries.toByteArray());
        return section.toByteArray();
    }
}
