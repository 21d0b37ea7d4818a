package dev.weft.interpreter.ast;

/** A heap type naming a defined type by its index in the module's type space. */
public record ConcreteHeapType(int index) implements HeapType {
    @Override
    public String toString() {
        return Integer.toString(index);
    }
}
