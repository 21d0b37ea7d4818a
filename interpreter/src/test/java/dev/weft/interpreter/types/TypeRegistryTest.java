package dev.weft.interpreter.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The registry alone: interning by key and the subtype check over canonical ids (displays and the walk). */
class TypeRegistryTest {

    @Test
    void aChainAnswersEveryPairByDepth() {
        TypeRegistry r = new TypeRegistry();
        int root = r.intern("root", new int[][] {{}});
        int a = r.intern("a", new int[][] {{root}});
        int b = r.intern("b", new int[][] {{a}});
        int c = r.intern("c", new int[][] {{b}});
        int sibling = r.intern("sibling", new int[][] {{a}});
        int other = r.intern("other", new int[][] {{}});
        int[] chain = {root, a, b, c};
        for (int i = 0; i < chain.length; i++) {
            for (int j = 0; j < chain.length; j++) {
                assertEquals(i >= j, r.isSubtype(chain[i], chain[j]), chain[i] + " <: " + chain[j]);
            }
        }
        assertTrue(r.isSubtype(sibling, a));
        assertTrue(r.isSubtype(sibling, root));
        assertFalse(r.isSubtype(sibling, b));
        assertFalse(r.isSubtype(c, sibling));
        assertFalse(r.isSubtype(c, other));
        assertFalse(r.isSubtype(other, root));
    }

    @Test
    void aGroupsTypesReferToEachOtherRelativeToTheGroup() {
        TypeRegistry r = new TypeRegistry();
        int base = r.intern("group", new int[][] {{}, {-1}, {-2}});
        assertTrue(r.isSubtype(base + 2, base));
        assertTrue(r.isSubtype(base + 1, base));
        assertFalse(r.isSubtype(base, base + 2));
        assertEquals(base, r.intern("group", new int[][] {{}, {-1}, {-2}}), "the same key is the same group");
        assertEquals(3, r.size());
    }

    @Test
    void typesWithoutADisplayAreStillCheckedByTheirDeclaredSupertypes() {
        TypeRegistry r = new TypeRegistry();
        int root = r.intern("root", new int[][] {{}});
        int x = r.intern("x", new int[][] {{root}});
        // a supertype declared later in its group, and two declared supertypes: not valid Wasm,
        // but the registry answers by following them
        int base = r.intern("forward", new int[][] {{-2}, {x}});
        int two = r.intern("two", new int[][] {{x, base + 1}});
        assertTrue(r.isSubtype(base, x));
        assertTrue(r.isSubtype(base, root));
        assertTrue(r.isSubtype(two, base + 1));
        assertTrue(r.isSubtype(two, root));
        assertFalse(r.isSubtype(root, two));
    }

    @Test
    void idsNotInternedAreNoSubtypes() {
        TypeRegistry r = new TypeRegistry();
        int root = r.intern("root", new int[][] {{}});
        assertFalse(r.isSubtype(root + 1, root));
        assertFalse(r.isSubtype(root, root + 1));
        assertFalse(r.isSubtype(-1, root));
        assertTrue(r.isSubtype(root, root));
    }

    @Test
    void growingTheTablesKeepsEarlierAnswers() {
        TypeRegistry r = new TypeRegistry();
        int previous = r.intern("t0", new int[][] {{}});
        int first = previous;
        for (int i = 1; i < 200; i++) {
            previous = r.intern("t" + i, new int[][] {{previous}});
        }
        assertTrue(r.isSubtype(previous, first));
        assertFalse(r.isSubtype(first, previous));
    }
}
