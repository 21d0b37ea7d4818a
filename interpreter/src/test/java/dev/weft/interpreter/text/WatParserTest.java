package dev.weft.interpreter.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.MalformedModuleException;
import dev.weft.interpreter.ast.BlockType;
import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.ConcreteHeapType;
import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.ast.Op;
import dev.weft.interpreter.testing.Structural;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WatParserTest {

    static Module parse(String text) {
        try {
            return WatParser.parseModule(text);
        } catch (MalformedModuleException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    static void assertSameModule(String expanded, String abbreviated) {
        assertNull(Structural.difference(parse(expanded), parse(abbreviated)),
                () -> abbreviated + " differs from " + expanded);
    }

    static List<Instruction> body(String module) {
        return parse(module).functions().get(0).body();
    }

    @Nested
    class Abbreviations {
        @Test
        void inlineExportsEqualExportFields() {
            assertSameModule("(module (func $f) (export \"a\" (func $f)) (export \"b\" (func $f)))",
                    "(module (func (export \"a\") (export \"b\")))");
            assertSameModule("(global $g i32 (i32.const 0)) (export \"g\" (global $g))",
                    "(global (export \"g\") i32 (i32.const 0))");
        }

        @Test
        void inlineImportsEqualImportFields() {
            assertSameModule("(import \"m\" \"f\" (func (param i32))) (import \"m\" \"t\" (table 1 funcref))"
                            + "(import \"m\" \"mem\" (memory 1)) (import \"m\" \"g\" (global (mut i32)))"
                            + "(import \"m\" \"e\" (tag (param i64)))",
                    "(func (import \"m\" \"f\") (param i32)) (table (import \"m\" \"t\") 1 funcref)"
                            + "(memory (import \"m\" \"mem\") 1) (global (import \"m\" \"g\") (mut i32))"
                            + "(tag (import \"m\" \"e\") (param i64))");
        }

        @Test
        void moduleWrapperIsOptional() {
            assertSameModule("(module $m (func))", "(func)");
        }

        @Test
        void foldedInstructionsEqualTheirFlatForm() {
            assertSameModule("(func (result i32) i32.const 1 i32.const 2 i32.add)",
                    "(func (result i32) (i32.add (i32.const 1) (i32.const 2)))");
        }

        @Test
        void foldedIfEqualsFlatIf() {
            assertSameModule(
                    "(func (param i32) (result i32) local.get 0 if $l (result i32) i32.const 1 else $l i32.const 2 end $l)",
                    "(func (param i32) (result i32) (if $l (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 2))))");
        }

        @Test
        void memoryDataAbbreviationDefinesMemoryAndActiveSegment() {
            assertSameModule("(memory 1 1) (data (memory 0) (offset (i32.const 0)) \"ab\" \"c\")",
                    "(memory (data \"ab\" \"c\"))");
            assertSameModule("(memory i64 1 1) (data (memory 0) (i64.const 0) \"x\")",
                    "(memory i64 (data \"x\"))");
        }

        @Test
        void tableElemAbbreviationDefinesTableAndActiveSegment() {
            assertSameModule("(func $f) (table 2 2 funcref) (elem (table 0) (i32.const 0) funcref (ref.func $f) (ref.func $f))",
                    "(func $f) (table funcref (elem $f $f))");
            assertSameModule("(func $f) (table 1 1 funcref) (elem (table 0) (i32.const 0) funcref (item ref.func $f))",
                    "(func $f) (table funcref (elem (ref.func $f)))");
        }

        @Test
        void elemOffsetAndItemAbbreviations() {
            assertSameModule("(table 1 funcref) (func $f) (elem (table 0) (offset (i32.const 0)) func $f)",
                    "(table 1 funcref) (func $f) (elem (i32.const 0) $f)");
            assertSameModule("(table 1 funcref) (func $f) (elem funcref (item (ref.func $f)))",
                    "(table 1 funcref) (func $f) (elem funcref (ref.func $f))");
        }

        @Test
        void mvpSegmentsMayNameTheirTableOrMemoryByBareIndex() {
            assertSameModule("(table 1 funcref) (func $f) (elem (table 0) (i32.const 0) func $f)",
                    "(table 1 funcref) (func $f) (elem 0 (i32.const 0) $f)");
            assertSameModule("(memory 1) (data (memory 0) (i32.const 0) \"a\")",
                    "(memory 1) (data 0 (i32.const 0) \"a\")");
        }

        @Test
        void tableInitialiserExpressionIsKept() {
            Module m = parse("(type $t (func)) (func $f (type $t)) (table 10 (ref $t) (ref.func $f))");
            assertEquals(List.of(new Instruction.Indexed(Op.REF_FUNC, 0)), m.tables().get(0).init().instructions());
        }

        @Test
        void symbolicAndNumericIndicesGiveTheSameModule() {
            assertSameModule(
                    "(type (func (param i32))) (global (mut i32) (i32.const 0)) (func (type 0) (local i64)"
                            + " local.get 0 global.set 0 local.get 1 drop i32.const 0 call 0)",
                    "(type $t (func (param i32))) (global $g (mut i32) (i32.const 0)) (func $f (type $t) (param $p i32)"
                            + " (local $l i64) local.get $p global.set $g local.get $l drop i32.const 0 call $f)");
        }
    }

    @Nested
    class TypeUses {
        @Test
        void inlineSignaturesReuseAnIdenticalPlainTypeAndOtherwiseAppendOne() {
            Module m = parse("(type (func (param i32))) (func (param i32)) (func (result f64) (f64.const 0))");
            assertEquals(2, m.types().size());
            assertEquals(0, m.functions().get(0).typeIndex());
            assertEquals(1, m.functions().get(1).typeIndex());
        }

        @Test
        void typesInRecGroupsOrWithSubAreNotReused() {
            Module m = parse("(rec (type (func)) (type (func))) (type (sub (func))) (func)");
            assertEquals(4, m.types().size());
            assertEquals(3, m.functions().get(0).typeIndex());
            assertEquals(0, parse("(rec (type (func))) (func)").functions().get(0).typeIndex());
        }

        @Test
        void implicitTypesComeAfterAllExplicitOnes() {
            Module m = parse("(func (param i64)) (type $t (func))");
            assertEquals(new CompositeType.Func(List.of(), List.of()), m.types().get(0).composite());
            assertEquals(1, m.functions().get(0).typeIndex());
        }

        @Test
        void multiValueBlockTypesUseTypeIndicesAndSingleResultsDoNot() {
            List<Instruction> body = body("(func (block (result i32 i32) i32.const 0 i32.const 1) drop drop"
                    + " (block (result i32) i32.const 0) drop)");
            assertEquals(new Instruction.Block(Op.BLOCK, new BlockType.Indexed(1)), body.get(0));
            assertEquals(new Instruction.Block(Op.BLOCK, new BlockType.Single(NumType.I32)), body.get(6));
        }

        @Test
        void namedParametersOfAReferencedTypeAreLocals() {
            List<Instruction> body = body("(type $t (func (param i32 i32))) (func (type $t) (param $a i32) (param $b i32)"
                    + " local.get $b drop)");
            assertEquals(new Instruction.Indexed(Op.LOCAL_GET, 1), body.get(0));
        }
    }

    @Nested
    class Instructions {
        @Test
        void labelNamesResolveToRelativeDepthsWithShadowing() {
            List<Instruction> body = body("(func (block $a (block $b (br $a) (br $b) (block $a (br $a)))))");
            assertEquals(new Instruction.Indexed(Op.BR, 1), body.get(2));
            assertEquals(new Instruction.Indexed(Op.BR, 0), body.get(3));
            assertEquals(new Instruction.Indexed(Op.BR, 0), body.get(5));
        }

        @Test
        void brTableTakesAllLabelsAndTheLastIsTheDefault() {
            Instruction.BranchTable bt = (Instruction.BranchTable) body(
                    "(func (block $a (block $b (br_table $a $b 0 (i32.const 0)))))").get(3);
            assertEquals("[1, 0]", java.util.Arrays.toString(bt.labels()));
            assertEquals(0, bt.defaultLabel());
        }

        @Test
        void memargDefaultsToNaturalAlignmentAndAcceptsMemoryIndex() {
            List<Instruction> body = body("(memory 1) (memory $m 1) (func i32.const 0 i64.load32_u drop"
                    + " i32.const 0 i32.load8_s $m offset=0x10 align=1 drop)");
            assertEquals(new Instruction.MemAccess(Op.I64_LOAD32_U, 2, 0, 0), body.get(1));
            assertEquals(new Instruction.MemAccess(Op.I32_LOAD8_S, 0, 16, 1), body.get(4));
        }

        @Test
        void refTestWithNullableTargetPicksTheNullOpcode() {
            List<Instruction> body = body("(type $s (struct)) (func (param anyref) local.get 0 ref.test (ref null $s) drop"
                    + " local.get 0 ref.cast (ref any) drop)");
            assertEquals(new Instruction.HeapTypeImm(Op.REF_TEST_NULL, new ConcreteHeapType(0)), body.get(1));
            assertEquals(Op.REF_CAST, body.get(4).op());
        }

        @Test
        void typedSelectAndCallIndirectWithTable() {
            List<Instruction> body = body("(table $t 1 funcref) (type $v (func)) (func"
                    + " (select (result i32) (i32.const 1) (i32.const 2) (i32.const 0)) drop"
                    + " (call_indirect $t (type $v) (i32.const 0)))");
            assertEquals(new Instruction.SelectTyped(List.of(NumType.I32)), body.get(3));
            assertEquals(new Instruction.Indexed2(Op.CALL_INDIRECT, 0, 0), body.get(6));
        }

        @Test
        void tryTableCatchLabelsAreResolvedOutsideTheBlock() {
            List<Instruction> body = body("(tag $e) (func (block $out (try_table $t (catch $e $out) (catch_all_ref $out))))");
            Instruction.TryTable tt = (Instruction.TryTable) body.get(1);
            assertEquals(List.of(new Instruction.Catch(Instruction.CatchKind.CATCH, 0, 0),
                    new Instruction.Catch(Instruction.CatchKind.CATCH_ALL_REF, -1, 0)), tt.catches());
        }

        @Test
        void resumeHandlersAndSwitch() {
            List<Instruction> body = body("(type $f (func)) (type $c (cont $f)) (tag $t) (func (param (ref $c))"
                    + " (block $h (result (ref $c)) (resume $c (on $t $h) (on $t switch) (local.get 0)) unreachable) drop)");
            assertEquals(new Instruction.Resume(Op.RESUME, 1, -1,
                    List.of(new Instruction.Handler(0, 0), new Instruction.Handler(0, -1))), body.get(2));
        }

        @Test
        void structFieldsResolveByName() {
            List<Instruction> body = body("(type $p (struct (field $x i32) (field $y (mut i64))))"
                    + " (func (param (ref $p)) (struct.get $p $y (local.get 0)) drop)");
            assertEquals(new Instruction.Indexed2(Op.STRUCT_GET, 0, 1), body.get(1));
        }

        @Test
        void tableAndMemoryInitTakeTheSegmentAndAnOptionalTarget() {
            List<Instruction> body = body("(table $t 1 funcref) (table $u 1 funcref) (elem $e func) (func"
                    + " (table.init $u $e (i32.const 0) (i32.const 0) (i32.const 0)) (table.init $e"
                    + " (i32.const 0) (i32.const 0) (i32.const 0)))");
            assertEquals(new Instruction.Indexed2(Op.TABLE_INIT, 0, 1), body.get(3));
            assertEquals(new Instruction.Indexed2(Op.TABLE_INIT, 0, 0), body.get(7));
        }

        @Test
        void arrayNewFixedTakesATypeAndACount() {
            List<Instruction> body = body("(type $a (array i8)) (func (array.new_fixed $a 2 (i32.const 1) (i32.const 2)) drop)");
            assertEquals(new Instruction.Indexed2(Op.ARRAY_NEW_FIXED, 0, 2), body.get(2));
        }

        @Test
        void functionBodiesEndWithEnd() {
            assertEquals(List.of(new Instruction.Plain(Op.END)), body("(func)"));
        }
    }

    @Nested
    class Errors {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "(func (i32.const 0x100000000) drop) | constant out of range",
            "(func get_local 0) | unknown operator",
            "(func (br $nowhere)) | unknown label",
            "(func block $a end $b) | mismatching label",
            "(type $t (func (param i32))) (func (type $t) (param i64)) | inline function type",
            "(func $f) (func $f) | duplicate func",
            "(func (param $x i32) (local $x i32)) | duplicate local",
            "(func) (import \"\" \"\" (func)) | import after function",
            "(global i32 (i32.const 0)) (import \"\" \"\" (memory 1)) | import after global",
            "(func (call $missing)) | unknown function",
            "(func (local.get $x)) | unknown local",
            "(memory 1) (func (drop (i32.load align=3 (i32.const 0)))) | alignment",
            "(func (nop) (local i32)) | unexpected token",
            "(func (block (param $x i32))) | unexpected token",
            "(func | unexpected end",
            "(start 0) (start 0) (func) | multiple start sections",
            "(func (result f32) (f32.const nan:canonical)) | unexpected token"})
        void malformedTextFailsWithTheSpecMessagePrefix(String text, String message) {
            MalformedModuleException e = assertThrows(MalformedModuleException.class, () -> WatParser.parseModule(text));
            assertTrue(e.getMessage().startsWith(message), text + " gave " + e.getMessage());
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            // an unknown instruction in a flat body: at the keyword, not at the function
            "(module\\n  (func (result i32)\\n    i32.const 1\\n    i32.bogus))| 4 | 5 | unknown operator i32.bogus",
            // a folded instruction: at its head keyword
            "(module (func\\n (drop (i64.frob (i32.const 0))))) | 2 | 9 | unknown operator i64.frob",
            // a constant out of range: at the literal, also when more items follow it
            "(module (func (result i32)\\n   (i32.const 99999999999) (drop (i32.const 0))))| 2 | 15 | constant out of range",
            "(module (func (result i32) i32.const 4294967296\\n  i32.const 0 drop))| 1 | 38 | constant out of range",
            // a character that is never allowed, after a comment and a blank line
            "(module ;; c\\n\\n   (func \\u0001))| 3 | 10 | illegal character",
            // an unknown name: at the reference
            "(module (func\\n\\t(call $nowhere)))| 2 | 8 | unknown function $nowhere",
            // a list never closed: at its opening parenthesis
            "(module\\n  (func (nop)| 2 | 3 | unexpected end"})
        void errorsNameTheLineAndColumnOfTheOffendingToken(String text, int line, int column, String message) {
            String source = text.replace("\\n", "\n").replace("\\t", "\t").replace("\\u0001", "\u0001");
            MalformedModuleException m = assertThrows(MalformedModuleException.class, () -> WatParser.parseModule(source));
            assertEquals(message + ": line " + line + ", column " + column, m.getMessage());
            assertEquals(line + ":" + column, assertInstanceOf(TextException.class, m.getCause()).where());
        }

        @Test
        void invalidUtf8InNamesIsMalformed() {
            byte[] text = "(import \"\\ff\" \"\" (func))".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            MalformedModuleException e = assertThrows(MalformedModuleException.class, () -> WatParser.parseModule(text));
            assertTrue(e.getMessage().startsWith("malformed UTF-8 encoding"));
        }

        @Test
        void validationProblemsAreLeftToTheValidator() {
            Module m = parse("(func (result i32) (i64.const 0)) (func (call 7))");
            assertInstanceOf(Instruction.Indexed.class, m.functions().get(1).body().get(0));
        }
    }
}
