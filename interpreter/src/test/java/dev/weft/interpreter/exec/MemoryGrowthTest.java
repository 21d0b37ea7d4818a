package dev.weft.interpreter.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.interpreter.CompiledModule;
import dev.weft.interpreter.Instance;
import dev.weft.interpreter.Linker;
import dev.weft.interpreter.Trap;
import dev.weft.interpreter.Value;
import dev.weft.interpreter.WasmFunction;
import dev.weft.interpreter.text.WatParser;
import org.junit.jupiter.api.Test;

/**
 * Memory grows its backing capacity geometrically, but its size is exactly what the program
 * grew it to: memory.size, bounds checks and the declared maximum see the size, and new pages
 * read as zero.
 */
class MemoryGrowthTest {
    private static Instance instance() throws Exception {
        String wat = """
            (module
              (memory 1 300)
              (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
              (func (export "size") (result i32) (memory.size))
              (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0)))
              (func (export "store") (param i32 i32) (i32.store8 (local.get 0) (local.get 1))))
            """;
        return new Linker().instantiate(CompiledModule.compile(WatParser.parseModule(wat)));
    }

    private static int call(Instance i, String name, int... args) {
        Value[] values = new Value[args.length];
        for (int k = 0; k < args.length; k++) {
            values[k] = Value.i32(args[k]);
        }
        Value[] r = ((WasmFunction) i.export(name)).call(values);
        return r.length == 0 ? 0 : r[0].asInt();
    }

    @Test
    void growingPageByPageKeepsContentsAndExactSize() throws Exception {
        Instance m = instance();
        for (int page = 1; page < 300; page++) {
            call(m, "store", page * 65536 - 1, page & 0xFF); // last byte of the current memory
            assertEquals(page, call(m, "grow", 1));
            assertEquals(page + 1, call(m, "size"));
            assertEquals(0, call(m, "load", page * 65536), "a new page reads as zero");
        }
        for (int page = 1; page < 300; page++) {
            assertEquals(page & 0xFF, call(m, "load", page * 65536 - 1));
        }
        assertEquals(-1, call(m, "grow", 1), "the declared maximum of 300 pages holds");
    }

    @Test
    void accessesBeyondTheSizeTrapEvenWhenTheCapacityIsLarger() throws Exception {
        Instance m = instance();
        assertEquals(1, call(m, "grow", 1)); // capacity doubles to at least 2 pages; size is 2
        assertEquals(2, call(m, "grow", 1)); // size 3, capacity 4
        assertThrows(Trap.class, () -> call(m, "load", 3 * 65536));
        assertThrows(Trap.class, () -> call(m, "store", 3 * 65536, 1));
        assertEquals(0, call(m, "load", 3 * 65536 - 1));
    }
}
