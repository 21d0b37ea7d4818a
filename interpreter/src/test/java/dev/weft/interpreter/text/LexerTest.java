package dev.weft.interpreter.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LexerTest {

    private static String kinds(String src) {
        StringBuilder b = new StringBuilder();
        for (Token t : Lexer.tokenize(src)) {
            b.append(b.isEmpty() ? "" : " ").append(t);
        }
        return b.toString();
    }

    @Test
    void nestedBlockCommentsLineCommentsAndAnnotationsAreSkipped() {
        String src = "(module (; a (; nested ;) still ;) $m ;; line\n (@custom \"x\" (y (z)) ,;[]) func)";
        assertEquals("( module $m func )", kinds(src));
    }

    @Test
    void lineCommentsEndAtACarriageReturnToo() {
        assertEquals("a b", kinds("a ;; comment\rb"));
    }

    @Test
    void tokensRememberTheirLine() {
        List<Token> tokens = Lexer.tokenize("(a\n\n b)");
        assertEquals(3, tokens.get(2).line());
    }

    @Test
    void stringEscapesProduceRawBytesAndUtf8() {
        Token t = Lexer.tokenize("\"\\t\\n\\r\\\"\\'\\\\\\ff\\00\\u{41}\\u{1F600}é\"").get(0);
        byte[] expected = "\t\n\r\"'\\".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "A\uD83D\uDE00é".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[expected.length + 2 + tail.length];
        System.arraycopy(expected, 0, all, 0, expected.length);
        all[expected.length] = (byte) 0xff;
        all[expected.length + 1] = 0;
        System.arraycopy(tail, 0, all, expected.length + 2, tail.length);
        assertArrayEquals(all, t.bytes());
    }

    @Test
    void quotedIdentifiersAreDecodedNames() {
        Token t = Lexer.tokenize("$\"a b\\41\"").get(0);
        assertEquals(Token.Kind.ID, t.kind());
        assertEquals("a bA", t.text());
    }

    @Test
    void controlCharactersOutsideStringsAreIllegal() {
        TextException e = assertThrows(TextException.class, () -> Lexer.tokenize("(a \u0001)"));
        assertEquals("illegal character", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"abc | unclosed string",
        "(; never closed | unclosed comment",
        "(@x (y) | unclosed annotation",
        "(@) | empty annotation id",
        "$ | empty identifier",
        "$\"\" | empty identifier",
        "\"a\"\"b\" | unknown operator",
        "x\"a\" | unknown operator",
        "é | illegal character"})
    void lexicalErrorsUseTheSpecMessages(String src, String message) {
        TextException e = assertThrows(TextException.class, () -> Lexer.tokenize(src));
        assertTrue(e.getMessage().startsWith(message), src + " gave " + e.getMessage());
    }
}
