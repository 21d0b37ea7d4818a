package dev.weft.interpreter;

import static dev.weft.interpreter.Value.i32;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.binary.BinaryEncoder;
import dev.weft.interpreter.text.WatParser;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One-call loading ({@link Weft}) and the typed helpers on {@link Memory} and {@link Instance}. */
class EmbeddingHelpersTest {
    private static final String ADD = "(module (func (export \"add\") (param i32 i32) (result i32)"
            + " (i32.add (local.get 0) (local.get 1))))";

    @TempDir
    Path dir;

    private static int add(Module module) throws Exception {
        Instance instance = new Linker().instantiate(CompiledModule.compile(module));
        return instance.function("add").call(i32(2), i32(40))[0].asInt();
    }

    @Test
    void parseTellsBinaryFromTextInEveryInputForm() throws Exception {
        byte[] text = ("\uFEFF  ;; a comment first\n" + ADD).getBytes(StandardCharsets.UTF_8);
        byte[] binary = BinaryEncoder.encode(WatParser.parseModule(ADD));
        assertEquals(42, add(Weft.parse(text)));
        assertEquals(42, add(Weft.parse(binary)));
        assertEquals(42, add(Weft.parse(new ByteArrayInputStream(binary))));
        Path file = Files.write(dir.resolve("add.wasm"), binary);
        assertEquals(42, add(Weft.parse(file)));
        assertEquals(42, new Linker().instantiate(Weft.compile(file)).function("add").call(i32(1), i32(1))[0].asInt() + 40);
    }

    @Test
    void neitherFormatIsNamedAsSuch() {
        MalformedModuleException e = assertThrows(MalformedModuleException.class,
                () -> Weft.parse("hello".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("not a WebAssembly module"), e.getMessage());
        assertThrows(MalformedModuleException.class, () -> Weft.parse(new byte[0]));
        NullPointerException npe = assertThrows(NullPointerException.class, () -> Weft.parse((byte[]) null));
        assertEquals("bytes", npe.getMessage());
    }

    @Test
    void theMemorysSegmentIsAViewWithoutACopy() throws Exception {
        Instance instance = WatTesting.instantiate("""
            (module (memory (export "mem") 1 3)
              (func (export "get") (param i32) (result i32) (i32.load (local.get 0)))
              (func (export "put") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
              (func (export "grow") (result i32) (memory.grow (i32.const 1))))
            """);
        Memory mem = instance.memory("mem");
        java.lang.foreign.MemorySegment view = mem.segment();
        assertEquals(65536, view.byteSize());
        view.set(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, 8, 0x01020304);
        assertEquals(0x01020304, instance.function("get").call(i32(8))[0].asInt(), "Wasm sees the host's write");
        instance.function("put").call(i32(12), i32(-7));
        assertEquals(-7, view.get(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, 12), "the host sees Wasm's write");
        java.nio.ByteBuffer buffer = mem.segment().asSlice(16, 4).asByteBuffer();
        buffer.put(new byte[] {1, 2, 3, 4});
        assertEquals(0x04030201, mem.readInt(16), "a ByteBuffer over the view writes the memory");
        assertEquals(1, instance.function("grow").call()[0].asInt());
        java.lang.foreign.MemorySegment grown = mem.segment();
        assertEquals(2 * 65536, grown.byteSize());
        assertEquals(0x04030201, grown.get(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED, 16), "contents survive growth");
        assertThrows(IndexOutOfBoundsException.class, () -> grown.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 2 * 65536));
    }

    @Test
    void memoryReadsAndWritesStringsAndEveryWidth() throws Exception {
        Instance instance = WatTesting.instantiate("""
            (module (memory (export "mem") 1) (data (i32.const 65533) "abc")
              (tag (export "oops") (param i32))
              (func (export "len") (param i32) (result i32) (local $n i32)
                (block $done (loop $next
                  (br_if $done (i32.eqz (i32.load8_u (i32.add (local.get 0) (local.get $n)))))
                  (local.set $n (i32.add (local.get $n) (i32.const 1))) (br $next)))
                (local.get $n)))
            """);
        Memory mem = instance.memory("mem");
        assertEquals(7, mem.writeString(16, "héllo!")); // é is two bytes
        mem.writeByte(23, (byte) 0);
        assertEquals(7, instance.function("len").call(i32(16))[0].asInt());
        assertEquals("héllo!", mem.readCString(16, 100));
        assertEquals("hé", mem.readString(16, 3));
        assertThrows(IllegalArgumentException.class, () -> mem.readCString(16, 4));
        // "abc" fills the last 3 bytes of memory, no NUL: the read runs off the end and traps
        Trap trap = assertThrows(Trap.class, () -> mem.readCString(65533, 100));
        assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY, trap.kind());
        mem.writeShort(40, (short) -2);
        assertEquals((short) -2, mem.readShort(40));
        assertEquals(0xfe, mem.read(40, 1)[0] & 0xff);
        mem.writeFloat(44, 1.5f);
        assertEquals(0x3fc00000, mem.readInt(44));
        assertEquals(1.5f, mem.readFloat(44));
        mem.writeDouble(48, -0.25);
        assertEquals(-0.25, mem.readDouble(48));
        assertEquals(Double.doubleToRawLongBits(-0.25), mem.readLong(48));
        byte[] buffer = {9, 9, 9, 9, 9, 9};
        mem.read(16, buffer, 1, 4); // "héllo!" starts 68 C3 A9 6C
        assertArrayEquals(new byte[] {9, 'h', (byte) 0xC3, (byte) 0xA9, 'l', 9}, buffer);
        mem.write(100, buffer, 1, 3);
        assertArrayEquals(new byte[] {'h', (byte) 0xC3, (byte) 0xA9, 0}, mem.read(100, 4));
        assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY,
                assertThrows(Trap.class, () -> mem.read(65534, buffer, 0, 3)).kind());
        assertThrows(IndexOutOfBoundsException.class, () -> mem.write(0, buffer, 4, 3));
        assertNotNull(instance.tag("oops"));
        assertThrows(java.util.NoSuchElementException.class, () -> instance.tag("mem"));
    }
}
