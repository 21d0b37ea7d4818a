package dev.weft.interpreter.text;

import dev.weft.interpreter.ast.Op;
import java.util.Set;

/**
 * The keywords of the text format that are not instructions. The reference interpreter's
 * lexer rejects any other unknown keyword with "unknown operator"; the parser mimics this
 * by choosing between "unexpected token" (a known word in the wrong place) and
 * "unknown operator" (a word that is no keyword at all).
 */
final class Keywords {
    private static final Set<String> WORDS = Set.of(
            "module", "type", "rec", "sub", "final", "func", "struct", "array", "cont", "field",
            "mut", "param", "result", "local", "import", "export", "table", "memory", "global",
            "tag", "elem", "data", "start", "offset", "item", "declare", "then", "else", "end",
            "catch", "catch_ref", "catch_all", "catch_all_ref", "on", "switch", "ref", "null",
            "i32", "i64", "f32", "f64", "v128", "i8", "i16", "shared", "binary", "quote",
            "definition", "instance", "funcref", "externref", "anyref", "eqref", "i31ref",
            "structref", "arrayref", "nullref", "nullfuncref", "nullexternref", "exnref",
            "nullexnref", "contref", "nullcontref", "any", "eq", "i31", "extern", "exn", "none",
            "nofunc", "noextern", "noexn", "nocont");

    private Keywords() {}

    /** True for module keywords, type words, numbers, ids and instructions. */
    static boolean isKnown(String word) {
        if (word.isEmpty() || "0123456789+-$".indexOf(word.charAt(0)) >= 0) {
            return true;
        }
        return WORDS.contains(word) || Op.fromText(word) != null || word.startsWith("offset=")
                || word.startsWith("align=") || word.startsWith("nan") || word.equals("inf");
    }
}
