package dev.weft.interpreter.wasi;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one {@link Selector} of a {@link Wasi}: every socket descriptor registers with it once (on
 * first use) and stays registered until closed. A wait arms the keys it is interested in and
 * disarms the keys the previous wait armed but this one does not, so a guest polling the same
 * sockets over and over changes nothing in the kernel between polls. Waiting blocks in
 * {@link Selector#select(long)}: nothing spins.
 */
final class Readiness implements AutoCloseable {
    private Selector selector;
    /** The keys armed by the last wait, with their interest. */
    private Map<SelectionKey, Integer> armed = new HashMap<>();

    /** Waits until {@code s} is ready for {@code op}; {@code EINTR} if the thread is interrupted. */
    void await(SockFd s, int op) throws IOException {
        while (select(Map.of(s, op), -1).isEmpty()) {
            // woken without s ready (interrupt is reported by select): wait again
        }
    }

    /**
     * Waits until one of {@code interest}'s sockets is ready for its operations, or
     * {@code timeoutNanos} passed (negative: no limit; 0: just look). Returns the ready sockets
     * with their ready operations; empty when the time ran out.
     *
     * @throws WasiError {@code EINTR} when the thread was interrupted (the interrupt is consumed)
     */
    Map<SockFd, Integer> select(Map<SockFd, Integer> interest, long timeoutNanos) throws IOException {
        Selector sel = selector();
        Map<SelectionKey, Integer> next = new HashMap<>();
        for (Map.Entry<SockFd, Integer> e : interest.entrySet()) {
            SelectionKey k = key(e.getKey());
            next.merge(k, e.getValue(), (a, b) -> a | b);
        }
        armed.forEach((k, ops) -> {
            if (!next.containsKey(k) && k.isValid()) {
                k.interestOps(0);
            }
        });
        next.forEach((k, ops) -> {
            if (!ops.equals(armed.get(k))) {
                k.interestOps(ops);
            }
        });
        armed = next;
        sel.selectedKeys().clear();
        if (timeoutNanos == 0) {
            sel.selectNow();
        } else {
            sel.select(timeoutNanos < 0 ? 0 : Math.max(1, (timeoutNanos + 999_999) / 1_000_000));
        }
        if (Thread.interrupted()) {
            throw new WasiError(WasiErrno.INTR);
        }
        Map<SockFd, Integer> ready = new HashMap<>();
        for (SelectionKey k : sel.selectedKeys()) {
            if (k.isValid() && (k.readyOps() & k.interestOps()) != 0) {
                ready.put((SockFd) k.attachment(), k.readyOps() & k.interestOps());
            }
        }
        sel.selectedKeys().clear();
        return ready;
    }

    /** Drops {@code s}'s registration (it is being closed). */
    void forget(SockFd s) throws IOException {
        if (s.key != null) {
            armed.remove(s.key);
            s.key.cancel();
            s.key = null;
            selector.selectNow(); // deregisters now, so the host socket is really closed
            selector.selectedKeys().clear();
        }
    }

    private SelectionKey key(SockFd s) throws IOException {
        if (s.key == null) {
            s.key = s.channel().register(selector(), 0, s);
        }
        return s.key;
    }

    private Selector selector() throws IOException {
        if (selector == null) {
            selector = Selector.open();
        }
        return selector;
    }

    @Override
    public void close() throws IOException {
        if (selector != null) {
            List<SelectionKey> keys = new ArrayList<>(selector.keys());
            keys.forEach(SelectionKey::cancel);
            selector.close();
        }
    }
}
