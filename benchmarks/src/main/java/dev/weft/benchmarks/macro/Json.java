package dev.weft.benchmarks.macro;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;

/**
 * Writes the report's JSON with Gson: maps, lists, strings, numbers, booleans and null, indented.
 * Non-finite numbers (which JSON cannot express) are written as null; whole numbers stored as
 * doubles are written without a fraction (1, not 1.0).
 */
public final class Json {
    private static final TypeAdapter<Number> NUMBERS = new TypeAdapter<>() {
        @Override
        public void write(JsonWriter out, Number n) throws IOException {
            if (n == null) {
                out.nullValue();
            } else if (n instanceof Double || n instanceof Float) {
                double d = n.doubleValue();
                if (!Double.isFinite(d)) {
                    out.nullValue();
                } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                    out.value((long) d);
                } else {
                    out.value(d);
                }
            } else {
                out.value(n.longValue());
            }
        }

        @Override
        public Number read(JsonReader in) {
            throw new UnsupportedOperationException("the report is only written");
        }
    };

    private static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .serializeNulls()
            .disableHtmlEscaping()
            .registerTypeAdapter(Double.class, NUMBERS)
            .registerTypeAdapter(Float.class, NUMBERS)
            .registerTypeAdapter(Integer.class, NUMBERS)
            .registerTypeAdapter(Long.class, NUMBERS)
            .create();

    private Json() {}

    /**
     * {@code value} as JSON, ending with a line feed.
     *
     * @throws IllegalArgumentException for anything but maps, lists, strings, numbers, booleans and null
     */
    public static String write(Object value) {
        check(value);
        return GSON.toJson(value) + "\n";
    }

    /** Rejects what Gson would otherwise write field by field through reflection. */
    private static void check(Object value) {
        switch (value) {
            case null -> { }
            case String s -> { }
            case Boolean b -> { }
            case Number n -> { }
            case java.util.Map<?, ?> map -> map.values().forEach(Json::check);
            case java.util.List<?> list -> list.forEach(Json::check);
            default -> throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
        }
    }
}
