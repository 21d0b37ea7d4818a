package dev.weft.interpreter.exec;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void everyMethodOfTheExecPackageIsUnderTheHugeMethodLimit() throws Exception {
        Path dir = Path.of(Interpreter.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dev/weft/interpreter/exec");
        List<Path> classes;
        try (Stream<Path> files = Files.list(dir)) {
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
