package dev.weft.benchmarks.macro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.Strictness;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void writesNestedValuesThatParseBackToThemselves() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("median", 1.5);
        inner.put("count", 3);
        inner.put("samples", List.of(1.0, 1.5, 2.25));
        inner.put("ok", true);
        inner.put("none", null);
        inner.put("empty", List.of());
        inner.put("nothing", Map.of());
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("text", "quote \" backslash \\ newline \n tab \t bell \u0007 ünïcode");
        top.put("rows", List.of(inner, "x"));
        String json = Json.write(top);
        Map<String, Object> expected = new LinkedHashMap<>(top);
        Map<String, Object> innerBack = new LinkedHashMap<>(inner);
        innerBack.put("count", 3.0);
        expected.put("rows", List.of(innerBack, "x"));
        assertEquals(expected, parse(json));
    }

    @Test
    void numbersAreIntegralWhenTheyCanBeAndNonFiniteBecomesNull() {
        String json = Json.write(Arrays.asList(1.0, 0.25, Double.NaN, Double.POSITIVE_INFINITY, 12345678901L));
        assertEquals(List.of("[", "1,", "0.25,", "null,", "null,", "12345678901", "]"),
                json.lines().map(String::strip).toList());
        assertEquals("1.0E-7\n", Json.write(1e-7));
    }

    @Test
    void unsupportedValuesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(new Object()));
    }

    @Test
    void aWholeReportIsWellFormed() {
        String json = Json.write(ReportFixture.report().toJson());
        Object parsed = parse(json);
        @SuppressWarnings("unchecked")
        List<Object> sections = (List<Object>) ((Map<String, Object>) parsed).get("sections");
        assertEquals(2, sections.size());
    }

    /** Parses {@code json} strictly (Gson, STRICT): maps, lists, strings, doubles, booleans, null. */
    static Object parse(String json) {
        return STRICT.fromJson(json, Object.class);
    }

    private static final Gson STRICT = new GsonBuilder().setStrictness(Strictness.STRICT).serializeNulls().create();
}
