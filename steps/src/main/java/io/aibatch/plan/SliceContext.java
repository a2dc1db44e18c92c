package io.aibatch.plan;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/** How a {@link Slice} travels in a partition's ExecutionContext (and so to another process or pod). */
public final class SliceContext {

    public static final String INDEX = "slice.index";
    public static final String FIRST_LINE = "slice.firstLine";
    public static final String ITEMS = "slice.items";
    public static final String START_BYTE = "slice.startByte";
    public static final String BYTES = "slice.bytes";

    private SliceContext() {}

    public static ExecutionContext toContext(Slice slice) {
        ExecutionContext context = new ExecutionContext();
        context.putInt(INDEX, slice.index());
        context.putLong(FIRST_LINE, slice.firstLine());
        context.putLong(ITEMS, slice.items());
        context.putLong(START_BYTE, slice.startByte());
        context.putLong(BYTES, slice.bytes());
        return context;
    }

    public static Slice fromContext(ExecutionContext context) {
        if (!context.containsKey(INDEX)) {
            throw new IllegalStateException(
                    "this step execution carries no slice: it must be started as a partition of a planned run");
        }
        return new Slice(
                context.getInt(INDEX),
                context.getLong(FIRST_LINE),
                context.getLong(ITEMS),
                context.getLong(START_BYTE),
                context.getLong(BYTES));
    }
}
