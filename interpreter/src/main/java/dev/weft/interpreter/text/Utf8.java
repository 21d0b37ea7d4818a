package dev.weft.interpreter.text;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding for names and source text. */
final class Utf8 {
    private Utf8() {}

    /** Decodes {@code bytes}, failing with "malformed UTF-8 encoding" on any invalid sequence. */
    static String decode(byte[] bytes, int line) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new TextException("malformed UTF-8 encoding", line);
        }
    }
}
