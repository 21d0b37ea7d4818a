package dev.weft.interpreter.lower;

import java.util.Arrays;

/** A growable list of ints without boxing. */
final class IntList {
    private int[] items = new int[4];
    private int size;

    void add(int v) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        items[size++] = v;
    }

    int size() {
        return size;
    }

    int[] toArray() {
        return Arrays.copyOf(items, size);
    }
}
