package dev.weft.wast.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.CompiledModule;
import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.binary.BinaryDecoder;
import dev.weft.interpreter.code.Disassembler;
import dev.weft.interpreter.code.Instr;
import dev.weft.wast.ModuleSource;
import dev.weft.wast.TestSuite;
import dev.weft.wast.WastCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The table's immediate layouts are the ones lowering emits: every function of every module of
 * the conformance suite that lowers is read instruction by instruction with the table, and must
 * end exactly at the end of its code, with every branch target on an instruction boundary.
 */
class LoweredLayoutTest {
    @Test
    void everyLoweredFunctionOfTheSuiteDisassemblesExactly() {
        Path suite = TestSuite.require();
        List<Path> files = new ArrayList<>(TestSuite.scripts(suite));
        files.removeIf(p -> p.getFileName().toString().startsWith("simd"));
        for (String dir : List.of("multi-memory", "gc", "stack-switching")) {
            files.addAll(TestSuite.scripts(suite.resolve(dir)));
        }
        int functions = 0;
        Set<Instr> seen = EnumSet.noneOf(Instr.class);
        for (Path f : files) {
            for (WastCommand c : TestSuite.parse(f, f.getFileName().toString()).commands()) {
                if (c instanceof WastCommand.DefineModule m) {
                    CompiledModule cm = compile(m.source());
                    for (int i = 0; cm != null && i < cm.validated().module().functions().size(); i++) {
                        check(f + ":" + c.line() + " function " + i, cm.function(i).code(), seen);
                        functions++;
                    }
                }
            }
        }
        System.out.println("[layout] " + functions + " functions, " + seen.size() + " of " + Instr.count() + " opcodes seen");
        assertTrue(functions > 5_000, "lowered " + functions + " functions");
    }

    private static CompiledModule compile(ModuleSource source) {
        try {
            Module m = switch (source) {
                case ModuleSource.Text text -> text.parse();
                case ModuleSource.Quote quote -> quote.parse();
                case ModuleSource.Binary binary -> BinaryDecoder.decode(binary.bytes());
            };
            return CompiledModule.compile(m);
        } catch (Exception e) {
            return null; // not a module that lowers (the suite's own expectations are checked elsewhere)
        }
    }

    private static void check(String where, int[] code, Set<Instr> seen) {
        BitSet starts = new BitSet();
        List<int[]> targets = new ArrayList<>();
        int pc = 0;
        StringBuilder text = new StringBuilder();
        while (pc < code.length) {
            starts.set(pc);
            seen.add(Instr.of(code[pc]));
            int next = Disassembler.line(code, pc, text);
            String[] words = text.substring(text.lastIndexOf(": ") + 2).trim().split(" ");
            for (int k = 1; k < words.length; k++) {
                if (words[k].startsWith("target=")) {
                    targets.add(new int[] {pc, Integer.parseInt(words[k].substring(7))});
                }
            }
            text.setLength(0);
            pc = next;
        }
        assertEquals(code.length, pc, where);
        for (int[] t : targets) {
            assertTrue(t[1] == -1 || (t[1] >= 0 && t[1] <= code.length && (t[1] == code.length || starts.get(t[1]))),
                    where + ": branch at " + t[0] + " to " + t[1] + " is not an instruction start");
        }
    }
}
