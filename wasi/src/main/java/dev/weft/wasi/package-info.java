/**
 * WASI preview1: the host module {@code wasi_snapshot_preview1}, so programs built for WASI run
 * on Weft.
 *
 * <h2>Embedding</h2>
 * <pre>{@code
 * WasiConfig config = WasiConfig.builder()
 *         .args("prog", "input.txt").env("LANG", "C")
 *         .stdout(System.out).stderr(System.err)
 *         .preopen(Path.of("data"), "/data")          // or .preopen("data::/data")
 *         .build();
 * int code = WasiCommand.run(module, config);          // _start; proc_exit code, or 0
 * }</pre>
 * For finer control: {@code Wasi wasi = Wasi.define(linker, config)}, optionally
 * {@code wasi.defineStubs(linker, module)}, instantiate, then {@code wasi.bind(instance)} (the
 * functions reach the guest's memory through its {@code "memory"} export, so a WASI call from a
 * start function, before binding, traps). {@code proc_exit} throws {@link
 * dev.weft.wasi.WasiExit}; a host function's exception reaches the embedder wrapped in
 * a {@link dev.weft.interpreter.Trap} of kind {@code HOST}, and {@code WasiExit.find(trap)}
 * recovers it. {@code WasiCommand} and the CLI do this for you.
 *
 * <h2>Command line</h2>
 * {@code weft run prog.wasm [--dir HOST[::GUEST]]... [--env KEY=VALUE]... [--] [ARGS...]} runs a
 * module that imports {@code wasi_snapshot_preview1} as a command: its arguments are the file name
 * followed by ARGS, its environment holds only the {@code --env} variables, it uses the process's
 * standard streams, it sees only the {@code --dir} directories (fd 3, 4, ... in order), and its
 * {@code proc_exit} code is the exit code. With {@code --invoke NAME} the export is called instead
 * (WASI bound first, program arguments just the file name).
 *
 * <h2>What is implemented</h2>
 * <ul>
 *   <li>{@code args_*}, {@code environ_*}, {@code clock_res_get}, {@code clock_time_get}
 *       (realtime and monotonic from the config; process and thread CPU time from the JVM),
 *       {@code random_get} (config source, {@code SecureRandom} by default), {@code sched_yield},
 *       {@code proc_exit}.</li>
 *   <li>{@code fd_read}, {@code fd_write}, {@code fd_pread}, {@code fd_pwrite}, {@code fd_seek},
 *       {@code fd_tell}, {@code fd_close}, {@code fd_renumber}, {@code fd_fdstat_get},
 *       {@code fd_fdstat_set_flags} (append only), {@code fd_fdstat_set_rights} (accepted,
 *       ignored), {@code fd_filestat_get}, {@code fd_filestat_set_size}, {@code fd_allocate}
 *       (grows), {@code fd_advise} (no-op), {@code fd_sync}, {@code fd_datasync},
 *       {@code fd_prestat_get}, {@code fd_prestat_dir_name}, {@code fd_readdir}.</li>
 *   <li>{@code path_open} (oflags creat, directory, excl, trunc; fdflags append, sync, dsync;
 *       rights only decide read and/or write), {@code path_filestat_get},
 *       {@code path_create_directory}, {@code path_remove_directory}, {@code path_unlink_file},
 *       {@code path_rename}.</li>
 *   <li>{@code poll_oneoff}: socket subscriptions wait on one {@code java.nio} selector per
 *       {@code Wasi} until a socket is ready or the earliest clock fires (no spinning); other
 *       descriptors are ready at once ({@code EBADF} for a closed one); clocks alone sleep.</li>
 *   <li>Sockets: {@code sock_accept} on a listening socket granted with
 *       {@code WasiConfig.Builder.tcpListen} (fd 3 onwards, before the preopens, as wasmtime's
 *       {@code --tcplisten}; {@code fd_prestat_get} on it is {@code EBADF}, so, as on wasmtime
 *       (its issue 3936), wasi-libc's preopen scan stops there and a program given both a socket
 *       and directories does not find the directories), {@code sock_recv}
 *       (flag WAITALL; PEEK is ENOTSUP), {@code sock_send}, {@code sock_shutdown},
 *       {@code fd_read}/{@code fd_write}/{@code fd_close}/{@code fd_fdstat_get}/
 *       {@code fd_fdstat_set_flags} (NONBLOCK). Blocking unless NONBLOCK, then {@code EAGAIN}; end
 *       of stream reads 0; a reset is {@code ECONNRESET}, writing after a shutdown {@code EPIPE},
 *       a {@code sock_*} call on another kind of descriptor {@code ENOTSOCK}. A
 *       {@link dev.weft.wasi.WaitInterrupt} request (or an interrupt of the guest
 *       thread) makes a waiting call return {@code EINTR} once.</li>
 *   <li>Everything else ({@code path_link}, {@code path_symlink}, {@code path_readlink},
 *       {@code *_set_times}, {@code proc_raise}), and with
 *       {@code defineStubs} any other name or a mistyped import, returns {@code ENOSYS} (52).</li>
 * </ul>
 *
 * <h2>Errors</h2>
 * Every failure is an errno ({@link dev.weft.wasi.WasiErrno}) returned to the guest,
 * never an exception: host {@code IOException}s are mapped (ENOENT, EEXIST, ENOTEMPTY, ...,
 * otherwise EIO). Guest pointers (iovecs and their buffers, paths, result pointers) are checked
 * against the memory's current size before anything happens, and a bad one gives {@code EFAULT}
 * (21) with no side effect. Only {@code proc_exit} throws.
 *
 * <h2>Sandbox</h2>
 * Descriptors 0-2 are stdin, stdout and stderr; 3 onwards the listening sockets, then the preopens; then opened files and
 * directories, each taking the lowest free number. A path is always relative to a directory
 * descriptor and resolved one component at a time without following links: absolute paths,
 * {@code ..} above that directory, and symbolic links whose target is absolute or climbs above it
 * are refused with {@code ENOTCAPABLE} (76). Links inside are followed (at most 32, then
 * {@code ELOOP}); a final link is followed only with {@code symlink_follow}, and opening one
 * without it gives {@code ELOOP}. The preopen itself cannot be removed or renamed
 * ({@code EINVAL}). The check and the host operation are separate system calls, so another host
 * process replacing a directory with a link in between could defeat it; the guest alone cannot.
 *
 * <h2>Struct layouts</h2>
 * Little-endian, as in the preview1 witx: ciovec/iovec 8 bytes (buf u32, len u32); fdstat 24;
 * filestat 64 (see {@code FileStats}); prestat 8; dirent 24 plus the name (see {@code Readdir});
 * subscription 48 and event 32 (see {@code Poll}).
 */
package dev.weft.wasi;
