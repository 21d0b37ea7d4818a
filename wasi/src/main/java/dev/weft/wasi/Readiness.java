package dev.weft.wasi;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one {@link Selector} of a {@link Wasi}: every socket descriptor registers with it once (on
 * first use) and stays registered until closed. A wait is a round: {@link #begin}, then
 * {@link #want} for each socket and operation, then {@link #select}. It arms the keys wanted and
 * disarms the keys the previous round armed but this one does not, so a guest polling the same
 * sockets over and over changes nothing in the kernel between polls. The bookkeeping lives in
 * fields of {@link SockFd} and in two lists reused from round to round, so a round allocates
 * nothing. Waiting blocks in {@link Selector#select(Consumer, long)}: nothing spins.
 */
final class Readiness implements AutoCloseable {
    private final WaitInterrupt stop;
    private Selector selector;
    /** The sockets whose keys have interest (armed by an earlier round). */
    private final List<SockFd> armed = new ArrayList<>();
    /** The sockets wanted in this round. */
    private final List<SockFd> wanted = new ArrayList<>();
    private int round;
    private int found;
    private long selects;
    private final Consumer<SelectionKey> onReady = k -> {
        if (k.isValid() && k.attachment() instanceof SockFd s) {
            int ops = k.readyOps() & k.interestOps();
            if (ops != 0) {
                s.readyOps |= ops;
                found++;
            }
        }
    };

    Readiness(WaitInterrupt stop) {
        this.stop = stop;
    }

    /** Sleeps until {@code deadline} (nanoTime); false when woken early by an interrupt or a request. */
    boolean sleepUntil(long deadline) {
        return stop.sleepUntil(deadline);
    }

    /** Waits until {@code s} is ready for {@code op}; {@code EINTR} if the thread is interrupted. */
    void await(SockFd s, int op) throws IOException {
        begin();
        want(s, op);
        while (select(-1) == 0 || (s.readyOps & op) == 0) {
            // woken without s ready (interrupt is reported by select): wait again
        }
    }

    /** Starts a round: no socket is wanted yet. */
    void begin() {
        round++;
        wanted.clear();
    }

    /** Adds {@code ops} to what this round waits for on {@code s}. */
    void want(SockFd s, int ops) {
        if (s.wantRound != round) {
            s.wantRound = round;
            s.wantOps = 0;
            wanted.add(s);
        }
        s.wantOps |= ops;
    }

    /**
     * Waits until one of this round's sockets is ready for an operation it is wanted for, or
     * {@code timeoutNanos} passed (negative: no limit; 0: just look). Each wanted socket's
     * {@link SockFd#readyOps} is set to its ready wanted operations. Returns how many sockets
     * are ready: 0 when the time ran out. May be called again in the same round (after a
     * spurious wake-up).
     *
     * @throws WasiError {@code EINTR} when the thread was interrupted (the interrupt is consumed) or
     *     {@link WaitInterrupt#request} asked for it
     */
    int select(long timeoutNanos) throws IOException {
        Selector sel = selector();
        for (SockFd s : armed) {
            if (s.wantRound != round && s.key != null && s.key.isValid()) {
                s.key.interestOps(0);
                s.armedOps = 0;
            }
        }
        armed.clear();
        for (SockFd s : wanted) {
            SelectionKey k = key(s);
            if (s.armedOps != s.wantOps) {
                k.interestOps(s.wantOps);
                s.armedOps = s.wantOps;
            }
            s.readyOps = 0;
            armed.add(s);
        }
        found = 0;
        selects++;
        if (stop.consume()) {
            throw new WasiError(WasiErrno.INTR);
        }
        if (timeoutNanos == 0) {
            sel.selectNow(onReady);
        } else {
            sel.select(onReady, timeoutNanos < 0 ? 0 : Math.max(1, (timeoutNanos + 999_999) / 1_000_000));
        }
        if (Thread.interrupted() || stop.consume()) {
            throw new WasiError(WasiErrno.INTR);
        }
        return found;
    }

    /** How many times this selector has been asked to wait or look (a spinning wait would show). */
    long selects() {
        return selects;
    }

    /** Drops {@code s}'s registration (it is being closed). */
    void forget(SockFd s) throws IOException {
        if (s.key != null) {
            s.key.cancel(); // still in armed until the next select, which skips keyless sockets
            s.key = null;
            s.armedOps = 0;
            selector.selectNow(); // deregisters now, so the host socket is really closed
            selector.selectedKeys().clear();
        }
    }

    private SelectionKey key(SockFd s) throws IOException {
        if (s.key == null) {
            s.key = s.channel().register(selector(), 0, s);
            s.armedOps = 0;
        }
        return s.key;
    }

    private Selector selector() throws IOException {
        if (selector == null) {
            selector = Selector.open();
            stop.watch(selector);
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
