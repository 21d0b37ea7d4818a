package dev.weft.interpreter.compiler;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.WeakHashMap;

/**
 * The compiled classes of each module, kept while the module is (weakly keyed by the
 * {@code CompiledModule}), so that instantiating a module again defines the same bytes anew
 * instead of compiling again. A class depends on its module and on which functions were
 * candidates (which depends on the imports); the class data is given per instance.
 */
final class ClassCache {
    /**
     * One compilation: the candidates it started from, the functions compiled, the class, its
     * class data entries, and why the other candidates were dropped.
     */
    record Entry(List<Integer> candidates, List<Integer> compiled, byte[] bytes, List<ModuleCompiler.DataRef> data,
            Map<String, Integer> dropped) {}

    private static final Map<Object, List<Entry>> CACHE = Collections.synchronizedMap(new WeakHashMap<>());

    private ClassCache() {}

    static Entry find(Object module, TreeSet<Integer> candidates) {
        List<Entry> entries = CACHE.get(module);
        if (entries == null) {
            return null;
        }
        synchronized (entries) {
            for (Entry e : entries) {
                if (e.candidates().equals(new ArrayList<>(candidates))) {
                    return e;
                }
            }
        }
        return null;
    }

    /** How many compilations of {@code module} are cached (for tests). */
    static int size(Object module) {
        List<Entry> entries = CACHE.get(module);
        return entries == null ? 0 : entries.size();
    }

    static void put(Object module, Entry entry) {
        List<Entry> entries = CACHE.computeIfAbsent(module, m -> new ArrayList<>());
        synchronized (entries) {
            entries.add(entry);
        }
    }
}
