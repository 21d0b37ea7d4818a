package dev.weft.interpreter;

import static dev.weft.interpreter.Value.i32;
import static dev.weft.interpreter.Value.i64;
import static dev.weft.interpreter.WatTesting.call1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Loads, stores, grow, bounds, memory64, multi-memory and bulk memory. */
class MemoryTest {
    private static Trap trap(Instance inst, String name, Value... args) {
        return assertThrows(Trap.class, () -> inst.function(name).call(args));
    }

    @Test
    void loadsAndStoresAreLittleEndianAndSignOrZeroExtend() throws Exception {
        Instance inst = WatTesting.instantiate("""
            (module (memory (export "mem") 1)
              (data (i32.const 8) "\\01\\02\\03\\84")
              (func (export "load") (param i32) (result i32) (i32.load offset=4 (local.get 0)))
              (func (export "load8_s") (param i32) (result i64) (i64.load8_s (local.get 0)))
              (func (export "load16_u") (param i32) (result i32) (i32.load16_u (local.get 0)))
              (func (export "load32_u") (param i32) (result i64) (i64.load32_u (local.get 0)))
              (func (export "store") (param i32 i64) (i64.store (local.get 0) (local.get 1)))
              (func (export "store16") (param i32 i32) (i32.store16 (local.get 0) (local.get 1))))
            """);
        assertEquals(i32(0x84030201), call1(inst, "load", i32(4)));
        assertEquals(i64(-124), call1(inst, "load8_s", i32(11)));
        assertEquals(i32(0x8403), call1(inst, "load16_u", i32(10)));
        assertEquals(i64(0x84030201L), call1(inst, "load32_u", i32(8)));
        inst.function("store").call(i32(100), i64(0x0102030405060708L));
        inst.function("store16").call(i32(100), i32(0xFFFF_AAAA));
        assertArrayEquals(new byte[] {(byte) 0xAA, (byte) 0xAA, 6, 5}, inst.memory("mem").read(100, 4));
        assertEquals(0x01020304, inst.memory("mem").readInt(104));
    }

    @Test
    void accessesBeyondTheEndTrapWithOutOfBoundsMemoryAccess() throws Exception {
        Instance inst = WatTesting.instantiate("""
            (module (memory 1)
              (func (export "load") (param i32) (result i32) (i32.load offset=2 (local.get 0)))
              (func (export "store") (param i32) (i64.store (local.get 0) (i64.const 1))))
            """);
        assertEquals(i32(0), call1(inst, "load", i32(65530)));
        assertEquals("out of bounds memory access", trap(inst, "load", i32(65531)).getMessage());
        assertEquals("out of bounds memory access", trap(inst, "load", i32(-1)).getMessage());
        assertEquals("out of bounds memory access", trap(inst, "store", i32(65529)).getMessage());
    }

    @Test
    void memoryGrowReturnsTheOldSizeOrMinusOneAboveTheMaximum() throws Exception {
        Instance inst = WatTesting.instantiate("""
            (module (memory 1 3)
              (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
              (func (export "size") (result i32) (memory.size))
              (func (export "poke") (param i32) (i32.store8 (local.get 0) (i32.const 9))))
            """);
        assertEquals(i32(1), call1(inst, "grow", i32(1)));
        assertEquals(i32(2), call1(inst, "size"));
        inst.function("poke").call(i32(2 * 65536 - 1));
        assertEquals(i32(-1), call1(inst, "grow", i32(2)));
        assertEquals(i32(2), call1(inst, "grow", i32(1)));
        assertEquals(i32(-1), call1(inst, "grow", i32(-1)));
    }

    @Test
    void memory64UsesI64AddressesAndChecksOffsetOverflow() throws Exception {
        Instance inst = WatTesting.instantiate("""
            (module (memory i64 1)
              (func (export "store") (param i64 i32) (i32.store offset=4 (local.get 0) (local.get 1)))
              (func (export "load") (param i64) (result i32) (i32.load offset=4 (local.get 0)))
              (func (export "far") (param i64) (result i32) (i32.load offset=0xFFFFFFFFFFFFFFF0 (local.get 0)))
              (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0)))
              (func (export "size") (result i64) (memory.size)))
            """);
        inst.function("store").call(i64(10), i32(77));
        assertEquals(i32(77), call1(inst, "load", i64(10)));
        assertEquals("out of bounds memory access", trap(inst, "load", i64(-1)).getMessage());
        assertEquals("out of bounds memory access", trap(inst, "far", i64(0x20)).getMessage());
        assertEquals(i64(1), call1(inst, "grow", i64(1)));
        assertEquals(i64(2), call1(inst, "size"));
    }

    @Test
    void multipleMemoriesAreIndependent() throws Exception {
        Instance inst = WatTesting.instantiate("""
            (module (memory $a 1) (memory $b 1)
              (data (memory $b) (i32.const 0) "\\2a")
              (func (export "copy") (memory.copy $a $b (i32.const 5) (i32.const 0) (i32.const 1)))
              (func (export "a") (param i32) (result i32) (i32.load8_u $a (local.get 0)))
              (func (export "b") (param i32) (result i32) (i32.load8_u $b (local.get 0)))
              (func (export "size-b") (result i32) (memory.size $b)))
            """);
        assertEquals(i32(0), call1(inst, "a", i32(0)));
        assertEquals(i32(42), call1(inst, "b", i32(0)));
        inst.function("copy").call();
        assertEquals(i32(42), call1(inst, "a", i32(5)));
        assertEquals(i32(1), call1(inst, "size-b"));
    }

    @Test
    void bulkMemoryFillsCopiesInitialisesAndDropsSegments() throws Exception {
        Instance inst = WatTesting.instantiate("""
            (module (memory (export "mem") 1)
              (data $d "hello")
              (func (export "fill") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
              (func (export "copy") (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
              (func (export "init") (param i32 i32 i32) (memory.init $d (local.get 0) (local.get 1) (local.get 2)))
              (func (export "drop") (data.drop $d)))
            """);
        Memory mem = inst.memory("mem");
        inst.function("init").call(i32(10), i32(1), i32(4));
        assertEquals("ello", new String(mem.read(10, 4)));
        inst.function("copy").call(i32(11), i32(10), i32(4));
        assertEquals("eello", new String(mem.read(10, 5)));
        inst.function("fill").call(i32(10), i32('z'), i32(2));
        assertEquals("zzllo", new String(mem.read(10, 5)));
        assertEquals("out of bounds memory access",
                trap(inst, "fill", i32(65535), i32(0), i32(2)).getMessage());
        assertEquals("out of bounds memory access",
                trap(inst, "init", i32(0), i32(2), i32(4)).getMessage());
        inst.function("drop").call();
        inst.function("init").call(i32(0), i32(0), i32(0));
        assertEquals("out of bounds memory access",
                trap(inst, "init", i32(0), i32(0), i32(1)).getMessage());
    }
}
