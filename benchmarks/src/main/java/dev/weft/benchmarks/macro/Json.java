package dev.weft.benchmarks.macro;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes maps, lists, strings, numbers, booleans and null as indented JSON. Non-finite numbers
 * (which JSON cannot express) are written as null.
 */
public final class Json {
    private Json() {}

    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, 0);
        return out.append('\n').toString();
    }

    private static void write(StringBuilder out, Object value, int depth) {
        switch (value) {
            case null -> out.append("null");
            case String s -> string(out, s);
            case Boolean b -> out.append(b);
            case Double d -> out.append(d.isNaN() || d.isInfinite() ? "null" : number(d));
            case Float f -> write(out, f.doubleValue(), depth);
            case Number n -> out.append(n.longValue());
            case Map<?, ?> map -> container(out, '{', '}', map.entrySet().iterator(), depth, (e, d) -> {
                string(out, String.valueOf(e.getKey()));
                out.append(": ");
                write(out, e.getValue(), d);
            });
            case List<?> list -> {
                if (list.stream().allMatch(v -> v instanceof Number)) {
                    inlineList(out, list, depth); // sample lists stay on one line
                } else {
                    container(out, '[', ']', list.iterator(), depth, (v, d) -> write(out, v, d));
                }
            }
            default -> throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
        }
    }

    private interface Element<T> {
        void write(T value, int depth);
    }

    private static <T> void container(StringBuilder out, char open, char close, Iterator<T> items, int depth,
                                      Element<T> element) {
        out.append(open);
        if (!items.hasNext()) {
            out.append(close);
            return;
        }
        while (items.hasNext()) {
            out.append('\n').append("  ".repeat(depth + 1));
            element.write(items.next(), depth + 1);
            if (items.hasNext()) {
                out.append(',');
            }
        }
        out.append('\n').append("  ".repeat(depth)).append(close);
    }

    private static void inlineList(StringBuilder out, List<?> list, int depth) {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            write(out, list.get(i), depth);
        }
        out.append(']');
    }

    private static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
