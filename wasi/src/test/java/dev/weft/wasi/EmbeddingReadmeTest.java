package dev.weft.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Embedding" section holds programs and their output: compile each {@code java}
 * block against the interpreter and this module (the examples use WASI), run it, and compare what it prints with the {@code text} block
 * after it.
 */
class EmbeddingReadmeTest {
    private static final Pattern JAVA_THEN_OUTPUT = Pattern.compile(
            "```java\\n(.*?)```\\s*\\nIt prints:\\n```text\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern PUBLIC_CLASS = Pattern.compile("public class (\\w+)");

    @TempDir
    Path dir;

    @Test
    void theEmbeddingExamplesCompileRunAndPrintWhatTheReadmeSays() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        int start = readme.indexOf("\n## Embedding\n");
        assertTrue(start >= 0, "README.md has no '## Embedding' section");
        String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
        Matcher m = JAVA_THEN_OUTPUT.matcher(section);
        List<String> programs = new ArrayList<>();
        while (m.find()) {
            Matcher name = PUBLIC_CLASS.matcher(m.group(1));
            assertTrue(name.find(), "an example declares no public class:\n" + m.group(1));
            programs.add(name.group(1));
            Path dir = Files.createDirectory(this.dir.resolve(name.group(1)));
            Path source = Files.writeString(dir.resolve(name.group(1) + ".java"), m.group(1));
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
            int status = javac.run(null, null, diagnostics, "-d", dir.toString(),
                    "-cp", System.getProperty("java.class.path"), source.toString());
            assertEquals(0, status, "the README's example " + name.group(1) + " does not compile:\n" + diagnostics);
            assertEquals(m.group(2), run(dir, name.group(1)), name.group(1));
        }
        assertEquals(List.of("Embed", "Pool"), programs,
                "the Embedding section's java blocks, each followed by 'It prints:' and a text block");
    }

    private static String run(Path classes, String mainClass) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                EmbeddingReadmeTest.class.getClassLoader())) {
            Method main = loader.loadClass(mainClass).getMethod("main", String[].class);
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.out.flush();
            System.setOut(old);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
