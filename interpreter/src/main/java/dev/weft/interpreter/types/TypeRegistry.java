package dev.weft.interpreter.types;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The process-wide table of canonical type ids, implementing iso-recursive type equivalence.
 *
 * <p>A recursion group is interned under a structural key in which references to types of the
 * same group are written relative to the group ({@code @k}) and references to earlier types by
 * their canonical id ({@code #id}). Two groups with the same key get the same ids, so two type
 * indices (of any two modules) have the same canonical id exactly when their types are equivalent.
 * The table also remembers each canonical type's declared supertypes (as canonical ids), so
 * subtyping between types of different modules can be decided by {@link #isSubtype(int, int)}.
 *
 * <p>Wasm GC types have at most one declared supertype, and it comes earlier, so each canonical
 * type also keeps its <em>display</em>: its chain of supertypes from the root down to itself.
 * {@code sub <: sup} is then one comparison, {@code display(sub)[depth(sup)] == sup}, however
 * deep the hierarchy; a type without a display (several supertypes) falls back to the walk.
 *
 * <p>Thread-safe. Interning (once per module) is synchronised on the registry; the subtype check
 * that casts run takes no lock: an interned type's supertypes never change, and a reader that
 * sees a canonical id below {@code next} (volatile, written last) also sees its entry.
 */
public final class TypeRegistry {
    private static final TypeRegistry GLOBAL = new TypeRegistry();

    private final Map<String, Integer> groups = new HashMap<>();
    private volatile int[][] supers = new int[64][];
    /** Per canonical id, the supertype chain from the root to the type itself, or null. */
    private volatile int[][] displays = new int[64][];
    private volatile int next;

    /** The registry shared by every module of the process. */
    public static TypeRegistry global() {
        return GLOBAL;
    }

    /**
     * Interns a recursion group and returns the canonical id of its first type; the group's
     * types get consecutive ids.
     *
     * @param key          the structural key of the group (see the class comment)
     * @param groupSupers  for each type of the group its declared supertypes: a value {@code >= 0}
     *                     is a canonical id, a value {@code v < 0} means the group's type
     *                     {@code -v - 1}
     */
    public synchronized int intern(String key, int[][] groupSupers) {
        Integer known = groups.get(key);
        if (known != null) {
            return known;
        }
        int base = next;
        int n = groupSupers.length;
        int[][] table = supers;
        int[][] chains = displays;
        if (base + n > table.length) {
            table = Arrays.copyOf(table, Math.max(table.length * 2, base + n));
            chains = Arrays.copyOf(chains, table.length);
        }
        for (int i = 0; i < n; i++) {
            int[] s = groupSupers[i].clone();
            for (int j = 0; j < s.length; j++) {
                if (s[j] < 0) {
                    s[j] = base + (-s[j] - 1);
                }
            }
            table[base + i] = s;
            chains[base + i] = display(chains, s, base + i);
        }
        supers = table;
        displays = chains;
        next = base + n;
        groups.put(key, base);
        return base;
    }

    /** The display of {@code id} with declared supertypes {@code s}, or null if it has several or one without a display. */
    private static int[] display(int[][] chains, int[] s, int id) {
        if (s.length == 0) {
            return new int[] {id};
        }
        int[] parent = s.length == 1 && s[0] < id ? chains[s[0]] : null;
        if (parent == null) {
            return null;
        }
        int[] chain = Arrays.copyOf(parent, parent.length + 1);
        chain[parent.length] = id;
        return chain;
    }

    /** True when the canonical type {@code sub} is the canonical type {@code sup} or a declared subtype of it. */
    public boolean isSubtype(int sub, int sup) {
        if (sub == sup) {
            return true;
        }
        int known = next;
        if (sub < 0 || sub >= known || sup < 0 || sup >= known) {
            return false;
        }
        int[][] chains = displays;
        int[] d = chains[sub];
        int[] ds = chains[sup];
        if (d != null && ds != null) {
            int depth = ds.length - 1;
            return depth < d.length && d[depth] == sup;
        }
        return walk(sub, sup);
    }

    /** The subtype check by following declared supertypes (types without a display). */
    private boolean walk(int sub, int sup) {
        if (sub == sup) {
            return true;
        }
        if (sub < 0 || sub >= next) {
            return false;
        }
        for (int s : supers[sub]) {
            if (walk(s, sup)) {
                return true;
            }
        }
        return false;
    }

    /** The number of canonical types interned so far. */
    public int size() {
        return next;
    }
}
