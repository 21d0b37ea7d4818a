package dev.weft.interpreter.valid;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A small S-expression splitter for .wast scripts, enough to pick out {@code (module ...)} and
 * {@code (assert_invalid (module ...) "message")} commands for the validator's suite test
 * (the script semantics belong to the text parser's {@code WastParser}).
 */
final class WastForms {
    private WastForms() {}

    /** A top-level form: its text and the 1-based line it starts on. */
    record Form(String text, int line) {}

    /** The top-level parenthesised forms of a script, comments skipped. */
    static List<Form> topLevel(String src) {
        List<Form> out = new ArrayList<>();
        int i = 0;
        int line = 1;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (src.startsWith(";;", i)) {
                i = skipLineComment(src, i);
            } else if (src.startsWith("(;", i)) {
                int end = skipBlockComment(src, i);
                line += count(src, i, end);
                i = end;
            } else if (c == '(') {
                int end = matching(src, i);
                out.add(new Form(src.substring(i, end), line));
                line += count(src, i, end);
                i = end;
            } else {
                i++;
            }
        }
        return out;
    }

    /** The nested forms directly inside {@code form} (which starts with '('). */
    static List<String> children(String form) {
        List<String> out = new ArrayList<>();
        int i = 1;
        int n = form.length() - 1;
        while (i < n) {
            char c = form.charAt(i);
            if (c == '"') {
                i = skipString(form, i);
            } else if (form.startsWith(";;", i)) {
                i = skipLineComment(form, i);
            } else if (form.startsWith("(;", i)) {
                i = skipBlockComment(form, i);
            } else if (c == '(') {
                int end = matching(form, i);
                out.add(form.substring(i, end));
                i = end;
            } else {
                i++;
            }
        }
        return out;
    }

    /** The string literals directly inside {@code form}, decoded as UTF-8. */
    static List<String> strings(String form) {
        List<String> out = new ArrayList<>();
        for (byte[] b : byteStrings(form)) {
            out.add(new String(b, StandardCharsets.UTF_8));
        }
        return out;
    }

    /** The string literals directly inside {@code form} as raw bytes (for binary modules). */
    static List<byte[]> byteStrings(String form) {
        List<byte[]> out = new ArrayList<>();
        int i = 1;
        int n = form.length() - 1;
        while (i < n) {
            char c = form.charAt(i);
            if (c == '"') {
                int end = skipString(form, i);
                out.add(decode(form.substring(i + 1, end - 1)));
                i = end;
            } else if (form.startsWith(";;", i)) {
                i = skipLineComment(form, i);
            } else if (form.startsWith("(;", i)) {
                i = skipBlockComment(form, i);
            } else if (c == '(') {
                i = matching(form, i);
            } else {
                i++;
            }
        }
        return out;
    }

    /** The first keyword of a form, e.g. {@code module} or {@code assert_invalid}. */
    static String head(String form) {
        int i = 1;
        while (i < form.length() && Character.isWhitespace(form.charAt(i))) {
            i++;
        }
        int j = i;
        while (j < form.length() && !Character.isWhitespace(form.charAt(j)) && form.charAt(j) != '('
                && form.charAt(j) != ')') {
            j++;
        }
        return form.substring(i, j);
    }

    /** The word after the head, e.g. {@code binary}, {@code quote}, {@code definition} or a name. */
    static String secondWord(String form) {
        String rest = form.substring(1).strip().substring(head(form).length()).strip();
        int j = 0;
        while (j < rest.length() && !Character.isWhitespace(rest.charAt(j)) && rest.charAt(j) != '('
                && rest.charAt(j) != ')') {
            j++;
        }
        return rest.substring(0, j);
    }

    private static int count(String s, int from, int to) {
        int lines = 0;
        for (int k = from; k < to; k++) {
            if (s.charAt(k) == '\n') {
                lines++;
            }
        }
        return lines;
    }

    private static int skipLineComment(String s, int i) {
        int end = s.indexOf('\n', i);
        return end < 0 ? s.length() : end;
    }

    private static int skipBlockComment(String s, int i) {
        int depth = 0;
        int k = i;
        while (k < s.length()) {
            if (s.startsWith("(;", k)) {
                depth++;
                k += 2;
            } else if (s.startsWith(";)", k)) {
                depth--;
                k += 2;
                if (depth == 0) {
                    return k;
                }
            } else {
                k++;
            }
        }
        return s.length();
    }

    private static int skipString(String s, int i) {
        int k = i + 1;
        while (k < s.length() && s.charAt(k) != '"') {
            k += s.charAt(k) == '\\' ? 2 : 1;
        }
        return Math.min(k + 1, s.length());
    }

    private static int matching(String s, int i) {
        int depth = 0;
        int k = i;
        while (k < s.length()) {
            char c = s.charAt(k);
            if (c == '"') {
                k = skipString(s, k);
                continue;
            }
            if (s.startsWith(";;", k)) {
                k = skipLineComment(s, k);
                continue;
            }
            if (s.startsWith("(;", k)) {
                k = skipBlockComment(s, k);
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0) {
                    return k + 1;
                }
            }
            k++;
        }
        return s.length();
    }

    private static byte[] decode(String body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int k = 0; k < body.length(); k++) {
            char c = body.charAt(k);
            if (c != '\\') {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            char e = body.charAt(++k);
            switch (e) {
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case 'r' -> out.write('\r');
                case '"', '\'', '\\' -> out.write(e);
                case 'u' -> {
                    int close = body.indexOf('}', k);
                    int cp = Integer.parseInt(body.substring(k + 2, close).replace("_", ""), 16);
                    out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                    k = close;
                }
                default -> {
                    out.write(Integer.parseInt(body.substring(k, k + 2), 16));
                    k++;
                }
            }
        }
        return out.toByteArray();
    }
}
