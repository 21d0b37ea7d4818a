package dev.weft.benchmarks.macro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void writesNestedValuesThatParseBackToThemselves() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("median", 1.5);
        inner.put("count", 3);
        inner.put("samples", List.of(1.0, 1.5, 2.25));
        inner.put("ok", true);
        inner.put("none", null);
        inner.put("empty", List.of());
        inner.put("nothing", Map.of());
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("text", "quote \" backslash \\ newline \n tab \t bell \u0007 ünïcode");
        top.put("rows", List.of(inner, "x"));
        String json = Json.write(top);
        Map<String, Object> expected = new LinkedHashMap<>(top);
        Map<String, Object> innerBack = new LinkedHashMap<>(inner);
        innerBack.put("count", 3.0);
        expected.put("rows", List.of(innerBack, "x"));
        assertEquals(expected, new MiniJsonParser(json).parseDocument());
    }

    @Test
    void numbersAreIntegralWhenTheyCanBeAndNonFiniteBecomesNull() {
        assertEquals("[1, 0.25, null, null, 12345678901]\n",
                Json.write(Arrays.asList(1.0, 0.25, Double.NaN, Double.POSITIVE_INFINITY, 12345678901L)));
        assertEquals("1.0E-7\n", Json.write(1e-7));
    }

    @Test
    void unsupportedValuesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(new Object()));
    }

    @Test
    void aWholeReportIsWellFormed() {
        String json = Json.write(ReportFixture.report().toJson());
        Object parsed = new MiniJsonParser(json).parseDocument();
        @SuppressWarnings("unchecked")
        List<Object> sections = (List<Object>) ((Map<String, Object>) parsed).get("sections");
        assertEquals(2, sections.size());
    }

    /** A strict parser for the JSON subset the writer produces, to check well-formedness. */
    static final class MiniJsonParser {
        private final String s;
        private int i;

        MiniJsonParser(String s) {
            this.s = s;
        }

        Object parseDocument() {
            Object v = value();
            skipSpace();
            if (i != s.length()) {
                throw new IllegalStateException("trailing text at " + i);
            }
            return v;
        }

        private Object value() {
            skipSpace();
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> m = new LinkedHashMap<>();
                i++;
                skipSpace();
                if (peek('}')) {
                    return m;
                }
                do {
                    skipSpace();
                    String k = string();
                    skipSpace();
                    expect(':');
                    m.put(k, value());
                    skipSpace();
                } while (peek(','));
                expect('}');
                return m;
            }
            if (c == '[') {
                List<Object> l = new ArrayList<>();
                i++;
                skipSpace();
                if (peek(']')) {
                    return l;
                }
                do {
                    l.add(value());
                    skipSpace();
                } while (peek(','));
                expect(']');
                return l;
            }
            if (c == '"') {
                return string();
            }
            for (String word : List.of("true", "false", "null")) {
                if (s.startsWith(word, i)) {
                    i += word.length();
                    return word.equals("null") ? null : Boolean.valueOf(word);
                }
            }
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            return Double.parseDouble(s.substring(start, i));
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c < 0x20) {
                    throw new IllegalStateException("raw control character at " + (i - 1));
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    case '"', '\\', '/' -> b.append(e);
                    default -> throw new IllegalStateException("bad escape \\" + e);
                }
            }
        }

        private boolean peek(char c) {
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw new IllegalStateException("expected '" + c + "' at " + i);
            }
        }

        private void skipSpace() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}
