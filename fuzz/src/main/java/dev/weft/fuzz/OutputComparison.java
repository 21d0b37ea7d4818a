package dev.weft.fuzz;

import java.util.List;
import java.util.Optional;

/**
 * Compares binaryen's {@code --fuzz-exec} output with {@link FuzzingSupport}'s, line by line.
 *
 * <p>What is compared: the sequence of exports run, every logged value, every result, and for
 * each export whether it trapped or threw (with the tag, {@code imported-wasm-tag},
 * {@code imported-js-tag} or one of the module's own, and the payload). What is not: trap
 * messages (the two engines word them differently), the names of the module's own tags, and
 * NaN payloads and signs (any NaN equals any NaN; the generated modules are run through
 * {@code --denan}, so NaNs are rare anyway). Integers must be equal; floats must have the same
 * bits after reading binaryen's decimal text into the type Weft reports.
 */
final class OutputComparison {
    private OutputComparison() {}

    /** The first difference from binaryen's output, or empty when the outputs agree. */
    static Optional<String> firstDifference(List<String> binaryen, List<String> weft) {
        return firstDifference(binaryen, weft, false);
    }

    /**
     * The first difference, or empty when the outputs agree. {@code fromNode}: the expected output
     * is Node's: comparing ends at an export marked {@code [not callable from JS]} (Weft ran it, V8
     * could not, so the state after it differs), a global marked {@code [not readable from JS]} is
     * skipped, and the payload of an exception with one of the module's own tags is not compared
     * (JS cannot read it).
     */
    static Optional<String> firstDifference(List<String> expected, List<String> weft, boolean fromNode) {
        List<String> e = expected.stream().filter(l -> !l.isBlank()).toList();
        String oracle = fromNode ? "node" : "binaryen";
        int i = 0;
        int j = 0;
        while (i < e.size() || j < weft.size()) {
            String el = i < e.size() ? e.get(i) : "<end>";
            String wl = j < weft.size() ? weft.get(j) : "<end>";
            if (fromNode && el.equals("[not callable from JS]")) {
                // the others ran this export, which may have changed state: nothing after it compares
                return Optional.empty();
            }
            if (fromNode && el.equals("[not readable from JS]")) {
                i++;
                while (j < weft.size() && !weft.get(j).startsWith("[fuzz-exec] export ")) {
                    j++;
                }
                continue;
            }
            String en = normalise(el);
            String wn = normalise(wl);
            if (fromNode && en.startsWith("[exception thrown: wasm-tag")) {
                wn = wn.startsWith("[exception thrown: wasm-tag") ? en : wn;
            }
            if (!linesMatch(en, wn)) {
                return Optional.of(oracle + " line " + (i + 1) + " \"" + el + "\", weft line " + (j + 1) + " \"" + wl + "\"");
            }
            i++;
            j++;
        }
        return Optional.empty();
    }

    private static String normalise(String line) {
        if (line.startsWith("[trap ")) {
            return "[trap]";
        }
        if (line.startsWith("[exception thrown: ")) {
            String rest = line.substring("[exception thrown: ".length());
            int sp = rest.indexOf(' ');
            String tag = sp < 0 ? rest.substring(0, rest.length() - 1) : rest.substring(0, sp);
            if (!tag.startsWith("imported-")) {
                line = "[exception thrown: wasm-tag" + (sp < 0 ? "]" : rest.substring(sp));
            }
        }
        return line.replaceAll("object\\([^ \\]]*\\)+", "object");
    }

    private static boolean linesMatch(String b, String w) {
        if (b.equals(w)) {
            return true;
        }
        String[] bt = b.split(" ");
        String[] wt = w.split(" ");
        if (bt.length != wt.length) {
            return false;
        }
        for (int i = 0; i < bt.length; i++) {
            if (!tokensMatch(bt[i], wt[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean tokensMatch(String b, String w) {
        if (w.endsWith("]") && b.endsWith("]")) {
            b = b.substring(0, b.length() - 1);
            w = w.substring(0, w.length() - 1);
        }
        if (w.startsWith("<f32>") || w.startsWith("<f64>")) {
            Double bv = binaryenFloat(b);
            if (bv == null) {
                return false;
            }
            double wv = parseWeft(w.substring(5));
            if (Double.isNaN(wv) || Double.isNaN(bv)) {
                return Double.isNaN(wv) && Double.isNaN(bv);
            }
            return w.startsWith("<f32>")
                    ? Float.floatToRawIntBits((float) (double) bv) == Float.floatToRawIntBits((float) wv)
                    : Double.doubleToRawLongBits(bv) == Double.doubleToRawLongBits(wv);
        }
        return b.equals(w);
    }

    private static double parseWeft(String s) {
        return switch (s) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    /** binaryen's float text: decimal, {@code inf}, {@code -inf}, {@code nan:0x...}, {@code -nan:0x...}. */
    private static Double binaryenFloat(String s) {
        if (s.startsWith("nan") || s.startsWith("-nan")) {
            return Double.NaN;
        }
        if (s.equals("inf") || s.equals("-inf")) {
            return s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
