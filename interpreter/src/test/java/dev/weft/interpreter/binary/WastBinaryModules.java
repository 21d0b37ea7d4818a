package dev.weft.interpreter.binary;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Test-only extraction of {@code (module binary "...")} forms from the spec suite's .wast files,
 * with the command around them ({@code module}, {@code assert_malformed}, ...) and the expected
 * message. Only as much of the script syntax as that needs: parentheses, atoms, strings with
 * their escapes, and comments.
 */
final class WastBinaryModules {
    /** One binary module found in a script. */
    record Entry(String file, int line, String command, byte[] bytes, String expected) {
        String where() {
            return file + ":" + line + " " + command;
        }
    }

    private sealed interface Node permits Atom, Str, ListNode {}

    private record Atom(String text) implements Node {}

    private record Str(byte[] bytes) implements Node {}

    private record ListNode(int line, List<Node> items) implements Node {}

    private WastBinaryModules() {}

    /** The suite directory, or null when it cannot be found. */
    static Path suiteDir() {
        for (String env : new String[] {"WEFT_TESTSUITE", "WEFT_TESTSUITE_DEFAULT"}) {
            String v = System.getenv(env);
            if (v != null && !v.isBlank() && Files.isDirectory(Paths.get(v))) {
                return Paths.get(v);
            }
        }
        // "../shared/testsuite" relative to the repository, found from any directory inside it
        // (a worktree may sit one level deeper than the main checkout).
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("shared").resolve("testsuite");
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    /** All binary modules in the suite's .wast files, skipping the SIMD directories. */
    static List<Entry> all(Path suite) throws IOException {
        List<Entry> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(suite)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".wast")).sorted().toList()) {
                String rel = suite.relativize(f).toString().replace('\\', '/');
                if (rel.startsWith("simd/") || rel.startsWith("relaxed-simd/")) {
                    continue;
                }
                extract(rel, Files.readString(f, StandardCharsets.UTF_8), out);
            }
        }
        return out;
    }

    static void extract(String file, String text, List<Entry> out) {
        for (Node n : parse(text)) {
            if (n instanceof ListNode command && !command.items().isEmpty()
                    && command.items().get(0) instanceof Atom head) {
                visit(file, head.text(), command, out);
            }
        }
    }

    private static void visit(String file, String head, ListNode command, List<Entry> out) {
        if (head.equals("module")) {
            addIfBinary(file, "module", command, null, out);
            return;
        }
        String expected = null;
        for (Node item : command.items()) {
            if (item instanceof Str s) {
                expected = new String(s.bytes(), StandardCharsets.UTF_8);
            }
        }
        for (Node item : command.items()) {
            if (item instanceof ListNode inner && !inner.items().isEmpty()
                    && inner.items().get(0) instanceof Atom a && a.text().equals("module")) {
                addIfBinary(file, head, inner, expected, out);
            }
        }
    }

    private static void addIfBinary(String file, String command, ListNode module, String expected,
            List<Entry> out) {
        List<Node> items = module.items();
        int i = 1;
        while (i < items.size() && items.get(i) instanceof Atom a
                && (a.text().startsWith("$") || a.text().equals("definition"))) {
            i++;
        }
        if (i >= items.size() || !(items.get(i) instanceof Atom b) || !b.text().equals("binary")) {
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int k = i + 1; k < items.size(); k++) {
            if (items.get(k) instanceof Str s) {
                bytes.writeBytes(s.bytes());
            }
        }
        out.add(new Entry(file, module.line(), command, bytes.toByteArray(), expected));
    }

    private static List<Node> parse(String text) {
        List<List<Node>> stack = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        List<Node> top = new ArrayList<>();
        List<Node> current = top;
        int line = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == ';' && i + 1 < n && text.charAt(i + 1) == ';') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '(' && i + 1 < n && text.charAt(i + 1) == ';') {
                int end = blockCommentEnd(text, i);
                line += countNewlines(text, i, end);
                i = end;
            } else if (c == '(') {
                stack.add(current);
                lines.add(line);
                current = new ArrayList<>();
                i++;
            } else if (c == ')') {
                if (stack.isEmpty()) {
                    i++;
                    continue;
                }
                List<Node> done = current;
                current = stack.remove(stack.size() - 1);
                current.add(new ListNode(lines.remove(lines.size() - 1), done));
                i++;
            } else if (c == '"') {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                i = string(text, i + 1, b);
                current.add(new Str(b.toByteArray()));
            } else {
                int s = i;
                while (i < n && !Character.isWhitespace(text.charAt(i)) && "()\";".indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                current.add(new Atom(text.substring(s, Math.max(i, s + 1))));
                i = Math.max(i, s + 1);
            }
        }
        return top;
    }

    private static int blockCommentEnd(String text, int i) {
        int depth = 0;
        while (i < text.length()) {
            if (text.startsWith("(;", i)) {
                depth++;
                i += 2;
            } else if (text.startsWith(";)", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return i;
    }

    private static int countNewlines(String text, int from, int to) {
        int k = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\n') {
                k++;
            }
        }
        return k;
    }

    /** Decodes a string literal's body starting after the quote; returns the index after the closing quote. */
    private static int string(String text, int i, ByteArrayOutputStream out) {
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c != '\\') {
                int cp = text.codePointAt(i);
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp);
                continue;
            }
            char e = text.charAt(i + 1);
            switch (e) {
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case 'r' -> out.write('\r');
                case '\\' -> out.write('\\');
                case '"' -> out.write('"');
                case '\'' -> out.write('\'');
                case 'u' -> {
                    int close = text.indexOf('}', i);
                    int cp = Integer.parseInt(text.substring(i + 3, close).replace("_", ""), 16);
                    out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                    i = close + 1;
                    continue;
                }
                default -> {
                    out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                    i += 3;
                    continue;
                }
            }
            i += 2;
        }
        return i;
    }
}
