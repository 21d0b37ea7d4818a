package dev.weft.interpreter.ast;

/** A reference type {@code (ref null? heapType)}. */
public record RefType(boolean nullable, HeapType heapType) implements ValType {
    public static final RefType FUNCREF = new RefType(true, AbsHeapType.FUNC);
    public static final RefType EXTERNREF = new RefType(true, AbsHeapType.EXTERN);
    public static final RefType EXNREF = new RefType(true, AbsHeapType.EXN);
    public static final RefType CONTREF = new RefType(true, AbsHeapType.CONT);
    public static final RefType ANYREF = new RefType(true, AbsHeapType.ANY);

    @Override
    public int slots() {
        return 1;
    }

    @Override
    public String toString() {
        return "(ref " + (nullable ? "null " : "") + heapType + ")";
    }
}
