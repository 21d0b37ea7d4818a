package dev.weft.waeio;

/** {@link BadInputCases} against the bundled server built with the asyncify fiber backend. */
class BadInputAsyncifyTest extends BadInputCases {
    @Override
    Backend backend() {
        return Backend.ASYNCIFY;
    }
}
