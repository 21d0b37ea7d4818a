package dev.weft.interpreter.text;

import java.util.List;

/**
 * The result of a type use {@code (type x)? (param ...)* (result ...)*}: the type index and
 * the parameter names in order (null for unnamed parameters).
 */
record TypeUse(int typeIndex, List<String> paramNames) {}
