package dev.weft.interpreter.testing;

import dev.weft.interpreter.ast.Function;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;

/**
 * Test-only deep comparison of AST values: records component by component, lists element by
 * element, and arrays by content (records compare arrays by identity, which is not wanted here);
 * a function's code offsets are left out, as {@link Function#equals} leaves them out.
 */
public final class Structural {
    private Structural() {}

    /** Null if equal, else a path describing the first difference. */
    public static String difference(Object a, Object b) {
        return diff("", a, b);
    }

    private static String diff(String path, Object a, Object b) {
        if (a == b) {
            return null;
        }
        if (a == null || b == null || a.getClass() != b.getClass()) {
            return path + ": " + a + " vs " + b;
        }
        if (a instanceof byte[] x) {
            return Arrays.equals(x, (byte[]) b) ? null : path + ": byte arrays differ";
        }
        if (a instanceof int[] x) {
            return Arrays.equals(x, (int[]) b) ? null : path + ": int arrays differ";
        }
        if (a instanceof List<?> x) {
            List<?> y = (List<?>) b;
            if (x.size() != y.size()) {
                return path + ": sizes " + x.size() + " vs " + y.size();
            }
            for (int i = 0; i < x.size(); i++) {
                String d = diff(path + "[" + i + "]", x.get(i), y.get(i));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (a instanceof Record) {
            for (RecordComponent rc : a.getClass().getRecordComponents()) {
                if (a instanceof Function && rc.getName().equals("offsets")) {
                    continue; // debugging information, not the function's meaning (see Function)
                }
                try {
                    rc.getAccessor().setAccessible(true);
                    String d = diff(path + "." + rc.getName(), rc.getAccessor().invoke(a),
                            rc.getAccessor().invoke(b));
                    if (d != null) {
                        return d;
                    }
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
            return null;
        }
        return a.equals(b) ? null : path + ": " + a + " vs " + b;
    }
}
