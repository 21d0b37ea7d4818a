package dev.weft.wasi;

/**
 * The {@code errno} values of WASI preview1, as returned to the guest. Every WASI function
 * returns one of these (0 for success); none of them throws, except {@code proc_exit}.
 */
public final class WasiErrno {
    public static final int SUCCESS = 0;
    public static final int TOO_BIG = 1;
    public static final int ACCES = 2;
    public static final int AGAIN = 6;
    public static final int BADF = 8;
    public static final int BUSY = 10;
    public static final int CANCELED = 11;
    public static final int CONNABORTED = 13;
    public static final int CONNRESET = 15;
    public static final int EXIST = 20;
    public static final int FAULT = 21;
    public static final int FBIG = 22;
    public static final int ILSEQ = 25;
    public static final int INTR = 27;
    public static final int INVAL = 28;
    public static final int IO = 29;
    public static final int ISDIR = 31;
    public static final int LOOP = 32;
    public static final int MFILE = 33;
    /** Too many files open in the system. */
    public static final int NFILE = 41;
    public static final int NAMETOOLONG = 37;
    public static final int NOENT = 44;
    public static final int NOMEM = 48;
    public static final int NOSPC = 51;
    public static final int NOSYS = 52;
    public static final int NOTCONN = 53;
    public static final int NOTDIR = 54;
    public static final int NOTEMPTY = 55;
    public static final int NOTSOCK = 57;
    public static final int NOTSUP = 58;
    public static final int OVERFLOW = 61;
    public static final int PERM = 63;
    public static final int PIPE = 64;
    public static final int ROFS = 69;
    public static final int SPIPE = 70;
    public static final int XDEV = 75;
    public static final int NOTCAPABLE = 76;

    private WasiErrno() {}
}
