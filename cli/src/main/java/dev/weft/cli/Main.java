package dev.weft.cli;

/** Entry point of the {@code weft} command; sub-commands are added as the engine grows. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.err.println("weft: no commands yet");
        System.exit(2);
    }
}
