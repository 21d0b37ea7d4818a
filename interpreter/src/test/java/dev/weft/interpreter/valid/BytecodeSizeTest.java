package dev.weft.interpreter.valid;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.CodeAttribute;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Keeps every validator method under HotSpot's 8,000-byte limit for JIT compilation. */
class BytecodeSizeTest {
    private static final int HUGE_METHOD_LIMIT = 8000;

    @Test
    void noValidatorMethodIsTooLargeToBeJitCompiled() throws Exception {
        Path dir = classesDirectory();
        List<String> tooLarge = new ArrayList<>();
        int classes = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                classes++;
                ClassModel cm = ClassFile.of().parse(Files.readAllBytes(p));
                for (MethodModel m : cm.methods()) {
                    int size = m.findAttribute(java.lang.classfile.Attributes.code())
                            .map(CodeAttribute::codeLength).orElse(0);
                    if (size > HUGE_METHOD_LIMIT) {
                        tooLarge.add(cm.thisClass().asInternalName() + "." + m.methodName() + ": " + size);
                    }
                }
            }
        }
        assertTrue(classes > 10, "found only " + classes + " classes in " + dir);
        assertTrue(tooLarge.isEmpty(), () -> "methods over " + HUGE_METHOD_LIMIT + " bytes: " + tooLarge);
    }

    private static Path classesDirectory() throws URISyntaxException {
        return Path.of(Validator.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dev/weft/interpreter/valid");
    }
}
