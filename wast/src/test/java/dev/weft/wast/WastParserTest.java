package dev.weft.wast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.MalformedModuleException;
import dev.weft.interpreter.ast.AbsHeapType;
import dev.weft.interpreter.ast.NumType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WastParserTest {

    private static WastCommand only(String script) {
        List<WastCommand> commands = WastParser.parse(script).commands();
        assertEquals(1, commands.size());
        return commands.get(0);
    }

    @Test
    void commandsCarryTheLineOfTheirOpeningParenthesis() {
        WastScript s = WastParser.parse("(module)\n\n(assert_return (invoke \"f\"))\n");
        assertEquals(1, s.commands().get(0).line());
        assertEquals(3, s.commands().get(1).line());
    }

    @Test
    void textModulesAreParsedWithTheirName() throws MalformedModuleException {
        var m = (WastCommand.DefineModule) only("(module $M (func (export \"f\")))");
        assertEquals("M", m.name());
        assertEquals(false, m.definitionOnly());
        assertEquals(1, ((ModuleSource.Text) m.source()).parse().exports().size());
    }

    @Test
    void binaryAndQuoteModulesKeepTheirBytes() {
        var b = (WastCommand.DefineModule) only("(module $B binary \"\\00asm\" \"\\01\\00\\00\\00\")");
        assertArrayEquals(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}, ((ModuleSource.Binary) b.source()).bytes());
        var q = (WastCommand.DefineModule) only("(module quote \"(func\" \" $f)\")");
        assertArrayEquals("(func $f)".getBytes(StandardCharsets.UTF_8), ((ModuleSource.Quote) q.source()).text());
    }

    @Test
    void moduleDefinitionsAndInstances() {
        List<WastCommand> c = WastParser.parse("(module definition $D (func))\n(module instance $I $D)").commands();
        var d = (WastCommand.DefineModule) c.get(0);
        assertTrue(d.definitionOnly());
        assertEquals("D", d.name());
        assertEquals(new WastCommand.InstantiateModule(2, "I", "D"), c.get(1));
    }

    @Test
    void aModuleThatDoesNotParseFailsOnlyItsOwnCommand() {
        List<WastCommand> c = WastParser.parse("(module (func (br $nowhere)))\n(module)").commands();
        var bad = (ModuleSource.Text) ((WastCommand.DefineModule) c.get(0)).source();
        assertNull(bad.module());
        assertTrue(bad.failure().getMessage().startsWith("unknown label"));
        assertThrows(MalformedModuleException.class, bad::parse);
        assertNotNull(((ModuleSource.Text) ((WastCommand.DefineModule) c.get(1)).source()).module());
    }

    @Test
    void registerAndActionsWithTypedArguments() {
        assertEquals(new WastCommand.Register(1, "lib", "M"), only("(register \"lib\" $M)"));
        var a = (WastCommand.Action) only("(invoke $M \"f\" (i32.const -1) (i64.const 2) (f32.const 1.5)"
                + " (f64.const -0x1p0) (ref.null extern) (ref.extern 7))");
        WastAction action = a.action();
        assertEquals(WastAction.Kind.INVOKE, action.kind());
        assertEquals("M", action.instance());
        assertEquals(List.of(new WastValue.I32(-1), new WastValue.I64(2), new WastValue.F32(0x3fc00000),
                new WastValue.F64(0xbff0000000000000L), new WastValue.RefNull(AbsHeapType.EXTERN),
                new WastValue.RefExtern(7)), action.args());
        assertEquals(NumType.F32, action.args().get(2).type());
        var g = (WastCommand.Action) only("(get \"g\")");
        assertEquals(new WastAction(WastAction.Kind.GET, null, "g", List.of()), g.action());
    }

    @Test
    void assertReturnPatterns() {
        var r = (WastCommand.AssertReturn) only("(assert_return (invoke \"f\") (f32.const nan:canonical)"
                + " (f64.const nan:arithmetic) (ref.null) (ref.func) (ref.extern) (ref.extern 3) (ref) (ref.i31)"
                + " (either (i32.const 1) (i32.const 2)) (v128.const i32x4 1 2 3 4))");
        assertEquals(List.of(new WastPattern.Nan(NumType.F32, true), new WastPattern.Nan(NumType.F64, false),
                new WastPattern.Ref(WastPattern.RefKind.NULL), new WastPattern.Ref(WastPattern.RefKind.FUNC),
                new WastPattern.Ref(WastPattern.RefKind.EXTERN),
                new WastPattern.Exact(new WastValue.RefExtern(3)),
                new WastPattern.Ref(WastPattern.RefKind.ANY_NON_NULL), new WastPattern.Ref(WastPattern.RefKind.I31),
                new WastPattern.Either(List.of(new WastPattern.Exact(new WastValue.I32(1)),
                        new WastPattern.Exact(new WastValue.I32(2)))),
                new WastPattern.V128("i32x4", List.of("1", "2", "3", "4"))), r.expected());
    }

    @Test
    void assertionsOverActionsAndModules() {
        String script = """
                (assert_trap (invoke "f") "unreachable")
                (assert_trap (module (func $s unreachable) (start $s)) "unreachable")
                (assert_exhaustion (invoke "f") "call stack exhausted")
                (assert_exception (invoke "f"))
                (assert_suspension (invoke "f") "unhandled")
                (assert_invalid (module (func (result i32))) "type mismatch")
                (assert_malformed (module quote "(func") "unexpected end")
                (assert_unlinkable (module (import "x" "y" (func))) "unknown import")
                (assert_uninstantiable (module binary "") "x")
                (script $s (module))
                (input "file.wast")
                (output "out")
                """;
        List<WastCommand> c = WastParser.parse(script).commands();
        assertEquals("unreachable", ((WastCommand.AssertTrap) c.get(0)).message());
        assertInstanceOf(WastCommand.AssertUninstantiable.class, c.get(1));
        assertEquals("call stack exhausted", ((WastCommand.AssertExhaustion) c.get(2)).message());
        assertInstanceOf(WastCommand.AssertException.class, c.get(3));
        assertEquals("unhandled", ((WastCommand.AssertSuspension) c.get(4)).message());
        assertNotNull(((ModuleSource.Text) ((WastCommand.AssertInvalid) c.get(5)).module()).module());
        assertInstanceOf(ModuleSource.Quote.class, ((WastCommand.AssertMalformed) c.get(6)).module());
        assertInstanceOf(WastCommand.AssertUnlinkable.class, c.get(7));
        assertInstanceOf(ModuleSource.Binary.class, ((WastCommand.AssertUninstantiable) c.get(8)).module());
        assertEquals(new WastCommand.Meta(10, "script"), c.get(9));
        assertEquals(12, c.size());
    }

    @Test
    void unknownCommandsAreKeptAsMetaCommands() {
        assertEquals(new WastCommand.Meta(1, "thread"), only("(thread $T (module))"));
    }

    @Test
    void aScriptOfBareModuleFieldsIsOneModule() {
        var m = (WastCommand.DefineModule) only("(func) (memory 0) (func (export \"f\"))");
        assertEquals(2, ((ModuleSource.Text) m.source()).module().functions().size());
    }

    @Test
    void aBrokenScriptFailsAsAWholeNamingTheLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WastParser.parse("t.wast", "(module)\n(assert_return (invoke \"f\") (i32.const x))"));
        assertTrue(e.getMessage().startsWith("t.wast:2:"), e.getMessage());
    }
}
