package dev.weft.wasi;

import dev.weft.interpreter.CompiledModule;
import dev.weft.interpreter.Instance;
import dev.weft.interpreter.Linker;
import dev.weft.interpreter.Memory;
import dev.weft.interpreter.Value;
import dev.weft.interpreter.text.WatParser;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A test guest: a WAT module that imports WASI functions and exports a Wasm wrapper for each
 * (same name, same signature), so tests drive every function through a real Wasm call and
 * inspect the guest's one-page memory. Addresses below 1024 are free for tests to use.
 */
final class WasiGuest {
    /** Parameter letters (i = i32, I = i64) of each wrapped function; all return an errno. */
    static final Map<String, String> SIGNATURES = new LinkedHashMap<>();

    static {
        String[][] sigs = {
            {"args_get", "ii"}, {"args_sizes_get", "ii"}, {"environ_get", "ii"}, {"environ_sizes_get", "ii"},
            {"clock_res_get", "ii"}, {"clock_time_get", "iIi"}, {"random_get", "ii"}, {"sched_yield", ""},
            {"fd_read", "iiii"}, {"fd_write", "iiii"}, {"fd_pread", "iiiIi"}, {"fd_pwrite", "iiiIi"},
            {"fd_seek", "iIii"}, {"fd_tell", "ii"}, {"fd_close", "i"}, {"fd_renumber", "ii"},
            {"fd_fdstat_get", "ii"}, {"fd_fdstat_set_flags", "ii"}, {"fd_filestat_get", "ii"},
            {"fd_filestat_set_size", "iI"}, {"fd_prestat_get", "ii"}, {"fd_prestat_dir_name", "iii"},
            {"fd_sync", "i"}, {"fd_datasync", "i"}, {"fd_advise", "iIIi"}, {"fd_allocate", "iII"},
            {"fd_readdir", "iiiIi"}, {"path_open", "iiiiiIIii"}, {"path_filestat_get", "iiiii"},
            {"path_create_directory", "iii"}, {"path_remove_directory", "iii"}, {"path_unlink_file", "iii"},
            {"path_rename", "iiiiii"}, {"poll_oneoff", "iiii"}, {"path_symlink", "iiiii"},
            {"sock_accept", "iii"}, {"sock_recv", "iiiiii"}, {"sock_send", "iiiii"}, {"sock_shutdown", "ii"},
        };
        for (String[] s : sigs) {
            SIGNATURES.put(s[0], s[1]);
        }
    }

    final Wasi wasi;
    final Instance instance;
    final Memory memory;

    WasiGuest(WasiConfig config) throws Exception {
        Linker linker = new Linker();
        wasi = Wasi.define(linker, config);
        instance = linker.instantiate(CompiledModule.compile(WatParser.parseModule(wat())));
        wasi.bind(instance);
        memory = instance.memory("memory");
    }

    /** The WAT of the wrapper module. */
    static String wat() {
        StringBuilder imports = new StringBuilder();
        StringBuilder wrappers = new StringBuilder();
        SIGNATURES.forEach((name, params) -> {
            String types = params.chars().mapToObj(c -> c == 'I' ? " i64" : " i32").reduce("", String::concat);
            String decl = (params.isEmpty() ? "" : "(param" + types + ")") + " (result i32)";
            imports.append("  (import \"wasi_snapshot_preview1\" \"").append(name)
                    .append("\" (func $").append(name).append(' ').append(decl).append("))\n");
            wrappers.append("  (func (export \"").append(name).append("\") ").append(decl).append(" (call $").append(name);
            for (int i = 0; i < params.length(); i++) {
                wrappers.append(" (local.get ").append(i).append(')');
            }
            wrappers.append("))\n");
        });
        return "(module\n" + imports + "  (memory (export \"memory\") 1)\n" + wrappers + ")";
    }

    /** Calls the wrapper of {@code name}; each argument is an i32 or i64 as its signature says. */
    int call(String name, long... args) {
        String params = SIGNATURES.get(name);
        Value[] values = new Value[args.length];
        for (int i = 0; i < args.length; i++) {
            values[i] = params.charAt(i) == 'I' ? Value.i64(args[i]) : Value.i32((int) args[i]);
        }
        return instance.function(name).call(values)[0].asInt();
    }

    /** Writes {@code s} as UTF-8 at {@code address} and returns its length in bytes. */
    int putString(long address, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        memory.write(address, bytes);
        return bytes.length;
    }

    String string(long address, int length) {
        return new String(memory.read(address, length), StandardCharsets.UTF_8);
    }

    /** Writes one iovec {@code (buf, len)} at {@code address}. */
    void putIovec(long address, int buf, int len) {
        memory.writeInt(address, buf);
        memory.writeInt(address + 4, len);
    }

    int i32(long address) {
        return memory.readInt(address);
    }

    long i64(long address) {
        return memory.readLong(address);
    }

    int u8(long address) {
        return memory.read(address, 1)[0] & 0xFF;
    }

    /** Opens {@code path} under directory {@code dirFd}; the new fd, or fails on an errno. */
    int open(int dirFd, String path, int oflags, long rights, int fdflags) {
        int len = putString(900, path);
        int errno = call("path_open", dirFd, 0, 900, len, oflags, rights, 0, fdflags, 896);
        if (errno != 0) {
            throw new AssertionError("path_open " + path + ": errno " + errno);
        }
        return i32(896);
    }

    /** The errno of {@code path_open} of {@code path} under {@code dirFd}. */
    int openErrno(int dirFd, String path, int lookup, int oflags, long rights) {
        int len = putString(900, path);
        return call("path_open", dirFd, lookup, 900, len, oflags, rights, 0, 0, 896);
    }
}
