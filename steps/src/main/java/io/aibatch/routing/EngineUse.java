package io.aibatch.routing;

import io.aibatch.engine.Engine;
import io.aibatch.engine.Locality;

/**
 * One engine that saw an item's content: recorded in the item's result and in the audit trail.
 *
 * @param purpose what the engine did with it: {@code ocr}, {@code classify}, {@code summarize}
 */
public record EngineUse(String engine, Locality locality, String purpose) {

    public static EngineUse of(Engine engine, String purpose) {
        return new EngineUse(engine.name(), engine.locality(), purpose);
    }
}
