/**
 * The WebAssembly text format parser (Wasm 3.0 with SIMD, plus stack switching).
 *
 * <p>Entry point: {@link dev.weft.interpreter.text.WatParser#parseModule(String)}. The pipeline is
 * {@link dev.weft.interpreter.text.Lexer} (tokens; comments and annotations skipped) →
 * {@link dev.weft.interpreter.text.SExpr} trees → three passes over the module fields:
 * pass A binds the names of every index space and checks import order, pass B parses the
 * explicit type definitions, pass C parses everything else, appending the implicit function
 * types of inline type uses at the end of the type section. The output uses numeric indices only.
 *
 * <p>Errors are thrown internally as the unchecked {@link dev.weft.interpreter.text.TextException}
 * and surface as {@link dev.weft.interpreter.MalformedModuleException} whose message starts with
 * the reference interpreter's text (what {@code assert_malformed} expects), followed by the line.
 */
package dev.weft.interpreter.text;
