package dev.weft.cli;

import java.util.ArrayList;
import java.util.List;

/** The listening addresses of {@code weft run}: {@code --tcplisten A} and wasmtime's {@code -S tcplisten=A}. */
final class TcpListenOptions {
    private static final String TCPLISTEN = "tcplisten=";

    private TcpListenOptions() {}

    /** Every HOST:PORT, {@code --tcplisten} ones first; an unknown {@code -S} option is an error. */
    static List<String> addresses(List<String> tcpListen, List<String> wasiOptions) {
        List<String> out = new ArrayList<>(tcpListen);
        for (String option : wasiOptions) {
            if (!option.startsWith(TCPLISTEN)) {
                throw new IllegalArgumentException("unsupported -S option \"" + option + "\" (only tcplisten=HOST:PORT)");
            }
            out.add(option.substring(TCPLISTEN.length()));
        }
        return out;
    }
}
