package dev.weft.interpreter.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.code.Instr;
import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.CodeAttribute;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The dispatch loop must stay JIT-compilable: HotSpot skips methods over 8,000 bytes of bytecode. */
class DispatchLoopSizeTest {
    private static final int HUGE_METHOD_LIMIT = 8000;

    private static ClassModel parse(Class<?> c) throws IOException {
        try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
            return ClassFile.of().parse(in.readAllBytes());
        }
    }

    private static int codeLength(MethodModel m) {
        return m.findAttribute(java.lang.classfile.Attributes.code())
                .map(CodeAttribute::codeLength)
                .orElse(0);
    }

    @Test
    void everyMethodOfTheExecPackagesIsUnderTheHugeMethodLimit() throws Exception {
        Path dir = Path.of(Interpreter.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dev/weft/interpreter/exec");
        List<Path> classes;
        try (Stream<Path> files = Files.walk(dir)) {
            classes = files.filter(p -> p.toString().endsWith(".class")).toList();
        }
        assertTrue(classes.size() > 10, "found " + classes.size() + " classes in " + dir);
        for (Path file : classes) {
            ClassModel model = ClassFile.of().parse(Files.readAllBytes(file));
            for (MethodModel m : model.methods()) {
                int len = codeLength(m);
                assertTrue(len < HUGE_METHOD_LIMIT,
                        file.getFileName() + "." + m.methodName().stringValue() + " has " + len + " bytes");
            }
        }
    }

    /**
     * Each table entry has its own case in the loop's {@code tableswitch}, and the cases' shares
     * of the bytecode budget (the distance to the next case, by the table's names) are printed,
     * largest first, so a change that bloats one case shows where.
     */
    @Test
    void everyOpcodeOfTheTableHasACaseAndItsShareIsReported() throws IOException {
        MethodModel run = parse(Interpreter.class).methods().stream()
                .filter(m -> m.methodName().stringValue().equals("run")).findFirst().orElseThrow();
        CodeAttribute code = run.findAttribute(java.lang.classfile.Attributes.code()).orElseThrow();
        java.lang.classfile.instruction.TableSwitchInstruction table = code.elementStream()
                .filter(e -> e instanceof java.lang.classfile.instruction.TableSwitchInstruction t
                        && t.lowValue() == 0 && t.highValue() == Instr.count() - 1)
                .map(e -> (java.lang.classfile.instruction.TableSwitchInstruction) e)
                .findFirst().orElseThrow(() -> new AssertionError("no tableswitch over 0.." + (Instr.count() - 1)));
        int defaultBci = code.labelToBci(table.defaultTarget());
        java.util.TreeSet<Integer> starts = new java.util.TreeSet<>();
        java.util.Map<Integer, Integer> bciOf = new java.util.HashMap<>();
        for (var c : table.cases()) {
            int bci = code.labelToBci(c.target());
            assertTrue(bci != defaultBci, Instr.of(c.caseValue()) + " has no case of its own");
            bciOf.put(c.caseValue(), bci);
            starts.add(bci);
        }
        starts.add(defaultBci);
        starts.add(code.codeLength());
        List<String> shares = new java.util.ArrayList<>();
        bciOf.forEach((op, bci) -> {
            Integer next = starts.higher(bci);
            shares.add(String.format("%5d %s", next == null ? 0 : next - bci, Instr.of(op)));
        });
        shares.sort(java.util.Comparator.reverseOrder());
        System.out.println("Interpreter.run bytes per case, largest first: "
                + String.join(", ", shares.subList(0, 12)).replaceAll(" +", " "));
        assertEquals(Instr.count(), bciOf.size());
    }

    @Test
    void theDispatchLoopLeavesHeadroomBelowTheLimit() throws IOException {
        for (MethodModel m : parse(Interpreter.class).methods()) {
            if (m.methodName().stringValue().equals("run")) {
                int len = codeLength(m);
                System.out.println("Interpreter.run bytecode size: " + len);
                assertTrue(len < 7400, "run has " + len + " bytes");
            }
        }
    }
}
