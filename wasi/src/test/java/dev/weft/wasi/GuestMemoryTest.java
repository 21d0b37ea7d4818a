package dev.weft.wasi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.interpreter.Externs;
import dev.weft.interpreter.Memory;
import dev.weft.interpreter.ast.Limits;
import dev.weft.interpreter.ast.MemoryType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bounds checks turn bad guest pointers into EFAULT, never a trap. */
class GuestMemoryTest {
    private final Memory memory = Externs.memory(new MemoryType(new Limits(1, 2)));
    private final GuestMemory mem = new GuestMemory(memory);

    private int errno(Runnable r) {
        return assertThrows(WasiError.class, r::run).errno();
    }

    @Test
    void rangesUpToTheEndAreAllowedAndBeyondAreEfault() {
        mem.check(65532, 4);
        mem.check(65536, 0);
        assertEquals(WasiErrno.FAULT, errno(() -> mem.check(65533, 4)));
        assertEquals(WasiErrno.FAULT, errno(() -> mem.writeLong(65530, 1)));
        assertEquals(WasiErrno.FAULT, errno(() -> mem.readString(GuestMemory.unsigned(-1), 1)));
    }

    @Test
    void growingTheMemoryWidensTheCheck() {
        assertEquals(WasiErrno.FAULT, errno(() -> mem.check(65536, 4)));
        memory.grow(1);
        mem.check(65536, 4);
    }

    @Test
    void iovecsAreGatheredAndScatteredInOrder() {
        memory.write(100, "abcdef".getBytes());
        memory.writeInt(0, 100);
        memory.writeInt(4, 2);
        memory.writeInt(8, 104);
        memory.writeInt(12, 2);
        GuestMemory.IoVec[] vecs = mem.ioVecs(0, 2);
        assertArrayEquals("abef".getBytes(), gathered(vecs, 100));
        assertEquals("[a, b, e, f]", chunks(vecs, 1));
        assertEquals("[abe, f]", chunks(vecs, 3));
        mem.scatter(vecs, "WXY".getBytes(), 3);
        assertArrayEquals("WXcdYf".getBytes(), memory.read(100, 6));
    }

    private byte[] gathered(GuestMemory.IoVec[] vecs, int chunk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            mem.gather(vecs, chunk, out::writeBytes);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    private String chunks(GuestMemory.IoVec[] vecs, int chunk) {
        List<String> parts = new ArrayList<>();
        try {
            mem.gather(vecs, chunk, c -> parts.add(new String(c)));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return parts.toString();
    }

    @Test
    void anIovecPointingOutsideIsEfault() {
        memory.writeInt(0, 65535);
        memory.writeInt(4, 2);
        assertEquals(WasiErrno.FAULT, errno(() -> mem.ioVecs(0, 1)));
        assertEquals(WasiErrno.FAULT, errno(() -> mem.ioVecs(65532, 1)));
    }

    @Test
    void invalidUtf8IsEilseq() {
        memory.write(0, new byte[] {(byte) 0xFF});
        assertEquals(WasiErrno.ILSEQ, errno(() -> mem.readString(0, 1)));
    }
}
