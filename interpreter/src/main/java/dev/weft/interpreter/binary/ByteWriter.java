package dev.weft.interpreter.binary;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A growable byte buffer with the binary format's primitive writers (LEB128, names, vectors). */
final class ByteWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    void u8(int b) {
        out.write(b);
    }

    void bytes(byte[] b) {
        out.writeBytes(b);
    }

    /** An unsigned LEB128 of a value read as unsigned 64-bit. */
    void u64(long v) {
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
    }

    /** An unsigned 32-bit LEB128 of an int read as unsigned (indices). */
    void u32(int v) {
        u64(v & 0xFFFFFFFFL);
    }

    /** A signed LEB128 (s32, s33 and s64 share the encoding). */
    void s64(long v) {
        while (true) {
            int b = (int) (v & 0x7F);
            v >>= 7;
            boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
            out.write(done ? b : b | 0x80);
            if (done) {
                return;
            }
        }
    }

    void fixed32(int v) {
        for (int i = 0; i < 4; i++) {
            out.write((v >>> (8 * i)) & 0xFF);
        }
    }

    void fixed64(long v) {
        fixed32((int) v);
        fixed32((int) (v >>> 32));
    }

    void name(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        u32(b.length);
        bytes(b);
    }

    /** Length-prefixed raw bytes. */
    void sized(byte[] b) {
        u32(b.length);
        bytes(b);
    }

    int size() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
