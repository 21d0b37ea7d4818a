package dev.weft.interpreter.valid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.InvalidModuleException;
import dev.weft.interpreter.text.WatParser;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Validator tests written in the text format, one nested class per instruction family. */
class WatValidationTest {

    static ValidatedModule valid(String wat) throws Exception {
        return Validator.validate(WatParser.parseModule(wat));
    }

    static void invalid(String wat, String prefix) throws Exception {
        var m = WatParser.parseModule(wat);
        InvalidModuleException e = assertThrows(InvalidModuleException.class, () -> Validator.validate(m));
        assertTrue(e.getMessage().startsWith(prefix), () -> "message was: " + e.getMessage());
    }

    @Nested
    class Numeric {
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "(func (result i32) (i32.add (i32.const 1) (i32.const 2)))|",
            "(func (result i64) (i64.extend_i32_u (i32.const 1)))|",
            "(func (result f32) (f32.convert_i64_s (i64.const 1)))|",
            "(func (result i32) (i32.trunc_sat_f64_u (f64.const 1)))|",
            "(func (result i32) (i32.add (i64.const 1) (i32.const 2)))|type mismatch",
            "(func (result i32) (f32.eq (f32.const 1) (f64.const 2)))|type mismatch",
            "(func (result i64) (i32.wrap_i64 (i64.const 1)))|type mismatch",
        })
        void numericInstructionsFollowTheirSignatures(String func, String error) throws Exception {
            check("(module " + func + ")", error);
        }
    }

    @Nested
    class Control {
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "(func (result i32) (block (result i32) (br 0 (i32.const 1))))|",
            "(func (result i32) (loop (result i32) (br_if 0 (i32.const 1)) (i32.const 2)))|",
            "(func (param i32) (result i32) (block (result i32) (i32.const 1) (br_table 0 0 (local.get 0))))|",
            "(func (result i32) (i32.const 1) (i32.const 2) (block (param i32 i32) (result i32) (i32.add)))|",
            "(func (unreachable) (i32.add) (drop))|",
            "(func (br 0) (i64.add (i32.const 0)) (drop))|type mismatch",
            "(func (block (br 1) (br 2)))|unknown label",
            "(func (result i32) (if (result i32) (i32.const 1) (then (i32.const 1))))|type mismatch",
            "(func (result i32) (return (i64.const 1)))|type mismatch",
            "(func (param i32) (select (local.get 0) (i64.const 0) (i32.const 1)) (drop))|type mismatch",
        })
        void blocksBranchesAndReturnsAreTyped(String func, String error) throws Exception {
            check("(module " + func + ")", error);
        }

        @Test
        void callIndirectNeedsAFunctionTable() throws Exception {
            invalid("(module (type $t (func)) (table 1 externref)"
                    + " (func (call_indirect (type $t) (i32.const 0))))", "type mismatch");
            valid("(module (type $t (func)) (table 1 funcref) (func (call_indirect (type $t) (i32.const 0))))");
        }

        @Test
        void tailCallsMatchTheCallersResults() throws Exception {
            valid("(module (func $f (result i32) (i32.const 1)) (func (result i32) (return_call $f)))");
            invalid("(module (func $f (result i32) (i32.const 1)) (func (result i64) (return_call $f)))",
                    "type mismatch");
        }
    }

    @Nested
    class MemoryAndTables {
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "(memory i64 1) (func (result i64) (i64.load offset=8 (i64.const 0)))|",
            "(memory i64 1) (func (result i64) (memory.grow (i64.const 1)))|",
            "(memory 1) (memory $m i64 1) (func (i32.store $m (i64.const 0) (i32.const 1)))|",
            "(memory 1) (func (result i32) (i32.load align=8 (i32.const 0)))|alignment must not be larger than natural",
            "(memory 1) (func (memory.fill (i32.const 0) (i32.const 0) (i64.const 1)))|type mismatch",
            "(func (drop (memory.size)))|unknown memory",
            "(memory 1) (data $d \"x\") (func (memory.init $d (i32.const 0) (i32.const 0) (i32.const 1)))|",
            "(table 2 funcref) (func (result funcref) (table.get (i32.const 0)))|",
            "(table i64 2 funcref) (func (result i64) (table.grow (ref.null func) (i64.const 1)))|",
            "(table 2 funcref) (func (table.set (i32.const 0) (ref.null extern)))|type mismatch",
            "(table 1 funcref) (elem funcref) (func (table.init 0 (i32.const 0) (i32.const 0) (i32.const 0)))|",
            "(table 1 funcref) (func (elem.drop 0))|unknown elem segment 0",
            "(table 1 externref) (elem funcref) (func (table.init 0 (i32.const 0) (i32.const 0) (i32.const 0)))|type mismatch",
        })
        void memoryAndTableInstructionsUseTheirAddressTypes(String fields, String error) throws Exception {
            check("(module " + fields + ")", error);
        }
    }

    @Nested
    class References {
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "(type $t (func)) (func $f) (elem declare func $f) (func (result (ref $t)) (ref.func $f))|",
            "(func $f) (func (drop (ref.func $f)))|undeclared function reference",
            "(func $f) (global funcref (ref.func $f)) (func (drop (ref.func $f)))|",
            "(type $t (func (result i32))) (func (param (ref null $t)) (result i32) (call_ref $t (local.get 0)))|",
            "(func (param funcref) (result (ref func)) (ref.as_non_null (local.get 0)))|",
            "(func (param externref) (result (ref extern)) (block (br_on_null 0 (local.get 0)) (return)) (unreachable))|",
            "(func (param funcref) (drop (ref.eq (local.get 0) (local.get 0))))|type mismatch",
            "(type $t (func)) (func (local (ref $t)) (drop (local.get 0)))|uninitialized local",
        })
        void typedReferencesAreChecked(String fields, String error) throws Exception {
            check("(module " + fields + ")", error);
        }
    }

    @Nested
    class Gc {
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
            "(type $s (struct (field i32) (field (mut i64)))) (func (result i64) (struct.get $s 1 (struct.new $s (i32.const 1) (i64.const 2))))|",
            "(type $s (struct (field i32))) (func (param (ref $s)) (struct.set $s 0 (local.get 0) (i32.const 1)))|field is immutable",
            "(type $a (array (mut i8))) (func (result i32) (array.get_u $a (array.new_default $a (i32.const 3)) (i32.const 0)))|",
            "(type $a (array (mut i8))) (func (result i32) (array.get $a (array.new_default $a (i32.const 3)) (i32.const 0)))|type mismatch",
            "(type $a (array funcref)) (data \"\") (func (drop (array.new_data $a 0 (i32.const 0) (i32.const 0))))|array type is not numeric or vector",
            "(func (param anyref) (result i32) (ref.test i31ref (local.get 0)))|",
            "(func (param externref) (result anyref) (any.convert_extern (local.get 0)))|",
            "(type $a (array (mut i32))) (type $b (array (mut i64))) (func (param (ref $a) (ref $b)) (array.copy $a $b (local.get 0) (i32.const 0) (local.get 1) (i32.const 0) (i32.const 0)))|array types do not match",
        })
        void structsArraysAndCastsAreChecked(String fields, String error) throws Exception {
            check("(module " + fields + ")", error);
        }
    }

    @Nested
    class Heights {
        @Test
        void v128ValuesCountTwoSlots() throws Exception {
            FunctionInfo info = valid("(module (func (param v128) (result v128) (local.get 0)))").functions().get(0);
            assertArrayEquals(new int[] {0, 2}, info.heightBefore());
            assertEquals(2, info.maxStackHeight());
        }

        @Test
        void dropOfAV128IsMarked() throws Exception {
            FunctionInfo info = valid("(module (func (param v128) (drop (local.get 0))))").functions().get(0);
            assertEquals(FunctionInfo.KIND_V128, info.operandKind()[1]);
        }

        @Test
        void aBlockInsideUnreachableCodeIsUnreachableThroughout() throws Exception {
            FunctionInfo info = valid("(module (func (br 0) (block (nop))))").functions().get(0);
            // br, block, nop, end (block), end (function, targeted by br 0)
            assertArrayEquals(new int[] {0, -1, -1, -1, 0}, info.heightBefore());
        }

        @Test
        void theEndOfAnIfWithoutElseIsReachedByTheImplicitElse() throws Exception {
            FunctionInfo info = valid("(module (func (param i32) (if (local.get 0) (then (return)))))")
                    .functions().get(0);
            // local.get, if, return, end (if), end (function)
            assertArrayEquals(new int[] {0, 1, 0, 0, 0}, info.heightBefore());
        }

        @Test
        void aBranchInUnreachableCodeDoesNotMakeItsTargetReachable() throws Exception {
            FunctionInfo info = valid("(module (func (block (unreachable) (br 0))))").functions().get(0);
            // block, unreachable, br, end (block), end (function)
            assertArrayEquals(new int[] {0, 0, -1, -1, 0}, info.heightBefore());
        }

        @Test
        void aLoopEndIsReachableOnlyByFallingThrough() throws Exception {
            FunctionInfo info = valid("(module (func (loop (br 0))))").functions().get(0);
            // loop, br, end (loop), end (function)
            assertArrayEquals(new int[] {0, 0, -1, 0}, info.heightBefore());
        }
    }

    private static void check(String wat, String error) throws Exception {
        if (error == null || error.isEmpty()) {
            valid(wat);
        } else {
            invalid(wat, error);
        }
    }
}
