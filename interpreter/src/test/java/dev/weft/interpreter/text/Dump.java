package dev.weft.interpreter.text;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;

/** A structural text form of AST values (records with arrays compare by content here). */
final class Dump {
    private Dump() {}

    static String of(Object o) {
        StringBuilder b = new StringBuilder();
        append(b, o);
        return b.toString();
    }

    private static void append(StringBuilder b, Object o) {
        if (o instanceof Record r) {
            b.append(r.getClass().getSimpleName()).append('(');
            RecordComponent[] parts = r.getClass().getRecordComponents();
            for (int i = 0; i < parts.length; i++) {
                b.append(i == 0 ? "" : ", ").append(parts[i].getName()).append('=');
                try {
                    parts[i].getAccessor().setAccessible(true);
                    append(b, parts[i].getAccessor().invoke(r));
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
            b.append(')');
        } else if (o instanceof List<?> l) {
            b.append('[');
            for (int i = 0; i < l.size(); i++) {
                b.append(i == 0 ? "" : ", ");
                append(b, l.get(i));
            }
            b.append(']');
        } else if (o instanceof byte[] a) {
            b.append(Arrays.toString(a));
        } else if (o instanceof int[] a) {
            b.append(Arrays.toString(a));
        } else {
            b.append(o);
        }
    }
}
