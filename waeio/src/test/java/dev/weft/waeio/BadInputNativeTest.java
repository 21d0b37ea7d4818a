package dev.weft.waeio;

/** {@link BadInputCases} against the bundled server built with the native fiber backend. */
class BadInputNativeTest extends BadInputCases {
    @Override
    Backend backend() {
        return Backend.NATIVE;
    }
}
