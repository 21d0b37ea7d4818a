package dev.weft.interpreter;

import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.GlobalType;
import dev.weft.interpreter.ast.Limits;
import dev.weft.interpreter.ast.MemoryType;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.TableType;
import dev.weft.interpreter.ast.ValType;
import java.io.PrintStream;
import java.util.List;

/**
 * The "spectest" host module the spec test suite imports: globals {@code global_i32} (666),
 * {@code global_i64} (666), {@code global_f32}, {@code global_f64} (666.6), a funcref table of 10
 * elements (max 20), a memory of 1 page (max 2), and print functions writing one line per
 * argument as {@code <value> : <type>}.
 */
public final class Spectest {
    private static final String MODULE = "spectest";

    private Spectest() {}

    /** Defines the spectest module in {@code linker}; print functions write to {@code out}. */
    public static void define(Linker linker, PrintStream out) {
        global(linker, "global_i32", Value.i32(666));
        global(linker, "global_i64", Value.i64(666));
        global(linker, "global_f32", Value.f32(666.6f));
        global(linker, "global_f64", Value.f64(666.6));
        linker.define(MODULE, "table", Externs.table(new TableType(RefType.FUNCREF, new Limits(10, 20)), null));
        linker.define(MODULE, "table64",
                Externs.table(new TableType(RefType.FUNCREF, new Limits(10, 20, true, false)), null));
        linker.define(MODULE, "memory", Externs.memory(new MemoryType(new Limits(1, 2))));
        print(linker, out, "print");
        print(linker, out, "print_i32", NumType.I32);
        print(linker, out, "print_i64", NumType.I64);
        print(linker, out, "print_f32", NumType.F32);
        print(linker, out, "print_f64", NumType.F64);
        print(linker, out, "print_i32_f32", NumType.I32, NumType.F32);
        print(linker, out, "print_f64_f64", NumType.F64, NumType.F64);
    }

    private static void global(Linker linker, String name, Value v) {
        linker.define(MODULE, name, Externs.global(new GlobalType(v.type(), false), v));
    }

    private static void print(Linker linker, PrintStream out, String name, ValType... params) {
        CompositeType.Func type = new CompositeType.Func(List.of(params), List.of());
        linker.define(MODULE, name, HostFunction.nonSwitching(type, args -> {
            for (Value v : args) {
                out.println(v);
            }
            return new Value[0];
        }));
    }
}
