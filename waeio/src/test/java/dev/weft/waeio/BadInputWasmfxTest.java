package dev.weft.waeio;

/** {@link BadInputCases} against the bundled server built with the wasmfx fiber backend. */
class BadInputWasmfxTest extends BadInputCases {
    @Override
    Backend backend() {
        return Backend.WASMFX;
    }
}
