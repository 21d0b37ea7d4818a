package dev.weft.interpreter.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.MalformedModuleException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** LEB128 decoding with the suite's "too long" and "too large" rules. */
class ByteReaderTest {
    private static ByteReader reader(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return new ByteReader(b);
    }

    private static void assertMalformed(String prefix, Executable e) {
        String msg = assertThrows(MalformedModuleException.class, e).getMessage();
        assertTrue(msg.startsWith(prefix), msg);
    }

    @Test
    void unsigned32AcceptsPaddedEncodingsUpToFiveBytes() throws Exception {
        assertEquals(3, reader(0x83, 0x80, 0x80, 0x80, 0x00).u32());
        assertEquals(0xFFFFFFFFL, reader(0xFF, 0xFF, 0xFF, 0xFF, 0x0F).u32());
    }

    @Test
    void unsigned32RejectsASixthByte() {
        assertMalformed("integer representation too long", () -> reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x00).u32());
    }

    @Test
    void unsigned32RejectsUnusedBitsInTheLastByte() {
        assertMalformed("integer too large", () -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0x1F).u32());
    }

    @Test
    void signed32SignExtendsAndChecksTheUnusedBits() throws Exception {
        assertEquals(-1, reader(0x7F).s32());
        assertEquals(-1, reader(0xFF, 0xFF, 0xFF, 0xFF, 0x7F).s32());
        assertEquals(Integer.MIN_VALUE, reader(0x80, 0x80, 0x80, 0x80, 0x78).s32());
        assertMalformed("integer too large", () -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0x4F).s32());
        assertMalformed("integer too large", () -> reader(0x80, 0x80, 0x80, 0x80, 0x10).s32());
    }

    @Test
    void signed33CoversTheWholeUnsigned32Range() throws Exception {
        assertEquals(0xFFFFFFFFL, reader(0xFF, 0xFF, 0xFF, 0xFF, 0x0F).s33());
        assertEquals(-64, reader(0x40).s33());
        assertMalformed("integer too large", () -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0x2F).s33());
    }

    @Test
    void sixtyFourBitValuesUseTenBytes() throws Exception {
        assertEquals(-1L, reader(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F).s64());
        assertEquals(Long.MIN_VALUE, reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F).s64());
        assertEquals(-1L, reader(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01).u64());
        assertMalformed("integer too large",
                () -> reader(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02).u64());
        assertMalformed("integer too large",
                () -> reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01).s64());
        assertMalformed("integer representation too long",
                () -> reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00).u64());
    }

    @Test
    void runningOutOfBytesIsAnUnexpectedEnd() {
        assertMalformed("unexpected end", () -> reader(0x80, 0x80).u32());
    }

    @Test
    void aVectorCountLargerThanTheInputIsCutWithoutAllocating() throws Exception {
        assertEquals(2, reader(0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00).count());
    }

    @Test
    void aByteLengthLargerThanTheInputIsOutOfBounds() {
        assertMalformed("length out of bounds", () -> reader(0x05, 0x00).length32());
    }
}
