package dev.weft.interpreter.valid;

import static dev.weft.interpreter.ast.NumType.I32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.InvalidModuleException;
import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.ConcreteHeapType;
import dev.weft.interpreter.ast.FieldType;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.StorageType;
import dev.weft.interpreter.ast.SubType;
import dev.weft.interpreter.types.TypeRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypeRegistryTest {

    private static SubType openStruct(List<Integer> supers, FieldType... fields) {
        return new SubType(false, supers, new CompositeType.Struct(List.of(fields)));
    }

    private static FieldType field(StorageType s) {
        return new FieldType(s, false);
    }

    private static ValidatedModule recursiveListModule() throws InvalidModuleException {
        ModuleBuilder b = new ModuleBuilder();
        b.rec(openStruct(List.of(),
                field(StorageType.of(new RefType(true, new ConcreteHeapType(0)))),
                field(StorageType.of(I32))));
        return Validator.validate(b.build());
    }

    @Test
    void identicalRecGroupsInTwoModulesShareCanonicalIds() throws Exception {
        ValidatedModule a = recursiveListModule();
        ValidatedModule b = recursiveListModule();
        assertEquals(a.canonicalTypeIds()[0], b.canonicalTypeIds()[0]);
    }

    @Test
    void theSameTypeInADifferentRecGroupIsADifferentType() throws Exception {
        ModuleBuilder b = new ModuleBuilder();
        int fn = b.type(List.of(), List.of());
        b.rec(SubType.plain(new CompositeType.Func(List.of(), List.of())),
                SubType.plain(new CompositeType.Func(List.of(I32), List.of())));
        ValidatedModule m = Validator.validate(b.build());
        assertNotEquals(m.canonicalTypeIds()[fn], m.canonicalTypeIds()[1]);
    }

    @Test
    void equalTypesWithinOneModuleAreEquivalent() throws Exception {
        ModuleBuilder b = new ModuleBuilder();
        b.type(List.of(I32), List.of());
        b.type(List.of(I32), List.of());
        ValidatedModule m = Validator.validate(b.build());
        assertEquals(m.canonicalTypeIds()[0], m.canonicalTypeIds()[1]);
    }

    @Test
    void declaredSubtypesAreVisibleThroughCanonicalIds() throws Exception {
        ModuleBuilder b = new ModuleBuilder();
        b.rec(openStruct(List.of()));
        b.rec(openStruct(List.of(0), field(StorageType.of(I32))));
        ValidatedModule m = Validator.validate(b.build());
        int sup = m.canonicalTypeIds()[0];
        int sub = m.canonicalTypeIds()[1];
        assertTrue(TypeRegistry.global().isSubtype(sub, sup));
        assertTrue(!TypeRegistry.global().isSubtype(sup, sub));
    }

    @Test
    void typesOfDifferentModulesMatchThroughTheTypeMatcher() throws Exception {
        ValidatedModule a = WatValidationTest.valid(
                "(module (type $s (sub (struct))) (type $t (sub $s (struct (field i32)))))");
        ValidatedModule b = WatValidationTest.valid("(module (type $s (sub (struct))) (type (func)))");
        RefType subRef = new RefType(false, new ConcreteHeapType(1));
        RefType superRef = new RefType(true, new ConcreteHeapType(0));
        assertTrue(TypeMatcher.isSubtype(a, subRef, b, superRef));
        assertTrue(!TypeMatcher.isSubtype(b, superRef, a, subRef));
        assertTrue(TypeMatcher.isSubtype(a, subRef, b, RefType.ANYREF));
        assertTrue(!TypeMatcher.isSubtype(a, subRef, b, new RefType(true, new ConcreteHeapType(1))));
        assertTrue(TypeMatcher.equivalent(a, superRef, b, superRef));
        assertTrue(TypeMatcher.isTypeSubtype(a, 1, b, 0));
    }

    @Test
    void concurrentValidationsAgreeOnCanonicalIds() throws Exception {
        String wat = "(module (rec (type $a (struct (field (ref null $b)))) (type $b (struct (field (ref null $a)) (field f64)))))";
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<int[]>> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 32; i++) {
                ids.add(pool.submit(() -> WatValidationTest.valid(wat).canonicalTypeIds()));
            }
            int[] first = ids.get(0).get();
            for (java.util.concurrent.Future<int[]> f : ids) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(first, f.get());
            }
            assertNotEquals(first[0], first[1]);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aFinalSupertypeCannotBeExtended() {
        ModuleBuilder b = new ModuleBuilder();
        b.rec(new SubType(true, List.of(), new CompositeType.Struct(List.of())));
        b.rec(openStruct(List.of(0)));
        InvalidModuleException e = assertThrows(InvalidModuleException.class, () -> Validator.validate(b.build()));
        assertTrue(e.getMessage().startsWith("sub type 1 does not match super type 0"), e.getMessage());
    }

    @Test
    void aSubtypeMustKeepTheSupertypesFields() {
        ModuleBuilder b = new ModuleBuilder();
        b.rec(openStruct(List.of(), field(StorageType.of(I32))));
        b.rec(openStruct(List.of(0), field(new StorageType(null, 8))));
        InvalidModuleException e = assertThrows(InvalidModuleException.class, () -> Validator.validate(b.build()));
        assertTrue(e.getMessage().startsWith("sub type"), e.getMessage());
    }

    @Test
    void aTypeCannotReferToALaterRecGroup() {
        ModuleBuilder b = new ModuleBuilder();
        b.rec(openStruct(List.of(), field(StorageType.of(new RefType(true, new ConcreteHeapType(1))))));
        b.rec(openStruct(List.of()));
        InvalidModuleException e = assertThrows(InvalidModuleException.class, () -> Validator.validate(b.build()));
        assertTrue(e.getMessage().startsWith("unknown type"), e.getMessage());
    }
}
