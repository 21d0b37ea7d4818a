package dev.weft.wasi;

import dev.weft.interpreter.HostFunction;
import dev.weft.interpreter.Value;
import dev.weft.interpreter.WasmFunction;
import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.ast.ValType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.InvalidPathException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code wasi_snapshot_preview1} functions of one {@link Wasi}, by name. Each body's errno
 * becomes the function's i32 result: a {@link WasiError} gives its errno, a host I/O failure is
 * mapped by {@link IoErrors}. Functions this implementation lacks are ENOSYS stubs.
 */
final class WasiFunctions {
    private final Map<String, WasmFunction> functions = new LinkedHashMap<>();
    private final Wasi wasi;

    WasiFunctions(Wasi wasi) {
        this.wasi = wasi;
        new ProcessCalls(wasi).register(this);
        new Poll(wasi).register(this);
        new FdCalls(wasi).register(this);
        new PathCalls(wasi).register(this);
        new Readdir(wasi).register(this);
        new SockCalls(wasi).register(this);
        registerUnsupported();
    }

    /** All functions by name. */
    Map<String, WasmFunction> all() {
        return Collections.unmodifiableMap(functions);
    }

    /**
     * Adds function {@code name} with parameters {@code params} (one letter each: {@code i} for
     * i32, {@code I} for i64) and an errno result.
     */
    void add(String name, String params, WasiCall body) {
        CompositeType.Func type = new CompositeType.Func(types(params), List.of(NumType.I32));
        functions.put(name, HostFunction.nonSwitching(type, (caller, args) -> {
            wasi.calledBy(caller);
            return new Value[] {result(invoke(body, args))};
        }));
    }

    /** The i32 results of the errno values, made once (a Value never changes). */
    private static final Value[] ERRNOS = new Value[WasiErrno.NOTCAPABLE + 1];

    static {
        for (int e = 0; e < ERRNOS.length; e++) {
            ERRNOS[e] = Value.i32(e);
        }
    }

    private static Value result(int errno) {
        return errno >= 0 && errno < ERRNOS.length ? ERRNOS[errno] : Value.i32(errno);
    }

    /** Adds a function without results (only {@code proc_exit}). */
    void addVoid(String name, String params, HostFunction body) {
        functions.put(name, HostFunction.nonSwitching(new CompositeType.Func(types(params), List.of()), body));
    }

    /** A function of type {@code type} that does nothing: ENOSYS for an i32 result, else zeros. */
    static WasmFunction stub(CompositeType.Func type) {
        List<ValType> results = type.results();
        return HostFunction.nonSwitching(type, args -> {
            Value[] out = new Value[results.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = Value.zero(results.get(i));
            }
            if (results.equals(List.of(NumType.I32))) {
                out[0] = Value.i32(WasiErrno.NOSYS);
            }
            return out;
        });
    }

    static int invoke(WasiCall body, Value[] args) {
        try {
            return body.call(args);
        } catch (WasiError e) {
            return e.errno();
        } catch (IOException e) {
            return IoErrors.errno(e);
        } catch (UncheckedIOException e) {
            return IoErrors.errno(e.getCause());
        } catch (NonReadableChannelException | NonWritableChannelException e) {
            return WasiErrno.BADF;
        } catch (InvalidPathException e) {
            return WasiErrno.INVAL;
        } catch (SecurityException e) {
            return WasiErrno.ACCES;
        }
    }

    /** Preview1 functions not implemented here, with their signatures, as ENOSYS stubs. */
    private void registerUnsupported() {
        String[][] unsupported = {
            {"fd_filestat_set_times", "iIIi"}, {"path_filestat_set_times", "iiiiIIi"},
            {"path_link", "iiiiiii"}, {"path_readlink", "iiiiii"}, {"path_symlink", "iiiii"},
            {"proc_raise", "i"},
        };
        for (String[] u : unsupported) {
            add(u[0], u[1], args -> WasiErrno.NOSYS);
        }
    }

    private static List<ValType> types(String letters) {
        List<ValType> out = new ArrayList<>();
        for (char c : letters.toCharArray()) {
            out.add(c == 'I' ? NumType.I64 : NumType.I32);
        }
        return out;
    }
}
