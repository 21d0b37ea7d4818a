package dev.weft.benchmarks.macro;

import java.math.BigInteger;
import java.util.List;

/**
 * The guest programs of {@code guests/programs/}, their arguments at each {@link Mode} and their
 * expected last line of output, computed here from the arguments (the same formulas as
 * {@code guests/check/expected.py}), never taken from an engine.
 */
public enum Program implements Named {
    /** Two fibers print "Hello World" a letter each. Args: [repeat]. */
    HELLO("hello", List.of(), List.of(), List.of()) {
        @Override
        String expected(List<String> args) {
            return "Hello World";
        }
    },
    /** A fiber yields 1..N, the consumer sums them. Args: [N] (default 1,000,000). */
    GENERATOR("generator", List.of("20000"), List.of("300000"), List.of()) {
        @Override
        String expected(List<String> args) {
            long n = arg(args, 0, 1_000_000);
            return BigInteger.valueOf(n).multiply(BigInteger.valueOf(n + 1)).shiftRight(1).toString();
        }
    },
    /** A chain of filter fibers, one per prime; prints the N-th prime. Args: [N] (default 8,100). */
    SIEVE("sieve", List.of("100"), List.of("1000"), List.of()) {
        @Override
        String expected(List<String> args) {
            return Long.toString(nthPrime(arg(args, 0, 8100)));
        }
    },
    /** TOTAL fibers, at most WINDOW alive; prints TOTAL. Args: [TOTAL [WINDOW]] (default 10,000,000 10,000). */
    C10M("c10m", List.of("5000", "500"), List.of("300000", "10000"), List.of()) {
        @Override
        String expected(List<String> args) {
            return Long.toString(arg(args, 0, 10_000_000));
        }
    },
    /** A tree of fibers, 10 children per node; prints the sum of the leaves' numbers. Args: [depth] (default 6). */
    SKYNET("skynet", List.of("3"), List.of("5"), List.of()) {
        @Override
        String expected(List<String> args) {
            BigInteger leaves = BigInteger.TEN.pow((int) arg(args, 0, 6));
            return leaves.multiply(leaves.subtract(BigInteger.ONE)).shiftRight(1).toString();
        }
    };

    private final String id;
    private final List<String> quick;
    private final List<String> standard;
    private final List<String> full;

    Program(String id, List<String> quick, List<String> standard, List<String> full) {
        this.id = id;
        this.quick = quick;
        this.standard = standard;
        this.full = full;
    }

    @Override
    public String id() {
        return id;
    }

    /** The program's arguments in {@code mode} (full mode: none, the program's own defaults). */
    public List<String> args(Mode mode) {
        return switch (mode) {
            case QUICK -> quick;
            case DEFAULT -> standard;
            case FULL -> full;
        };
    }

    /** The last line the program must print when run with {@code args}. */
    abstract String expected(List<String> args);

    /** The built binary of this program for {@code backend}, relative to the checkout. */
    public String wasm(Backend backend) {
        return "guests/build/" + id + "-" + backend.id() + ".wasm";
    }

    /** How the program is run, for tables: its name and arguments. */
    public String invocation(Mode mode) {
        return args(mode).isEmpty() ? id : id + " " + String.join(" ", args(mode));
    }

    private static long arg(List<String> args, int index, long fallback) {
        return args.size() > index ? Long.parseLong(args.get(index)) : fallback;
    }

    /** The {@code n}-th prime (1-based), by trial division against the primes found so far. */
    static long nthPrime(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("no " + n + "-th prime");
        }
        long[] primes = new long[(int) n];
        int found = 0;
        for (long k = 2; found < n; k++) {
            boolean prime = true;
            for (int i = 0; i < found && primes[i] * primes[i] <= k; i++) {
                if (k % primes[i] == 0) {
                    prime = false;
                    break;
                }
            }
            if (prime) {
                primes[found++] = k;
            }
        }
        return primes[found - 1];
    }
}
