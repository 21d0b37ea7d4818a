package dev.weft.benchmarks.macro;

/** The sections of the report, in the order they run. */
public enum Part implements Named {
    SIZE("size"),
    COLDSTART("coldstart"),
    LIFECYCLE("lifecycle"),
    WALL("wall"),
    POOL("pool"),
    HTTP("http"),
    KERNELS("kernels");

    private final String id;

    Part(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }
}
