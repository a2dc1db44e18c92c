package io.aibatch.sink;

import io.aibatch.routing.EngineUse;
import io.aibatch.routing.Routed;
import java.util.List;

/** One line of the audit trail ({@code audit/*.jsonl}): where an item's content went, without the content. */
public record AuditRecord(
        String id,
        String source,
        String name,
        boolean restricted,
        List<String> restrictedReasons,
        List<EngineUse> routing) {

    public static AuditRecord of(Routed result) {
        return new AuditRecord(
                result.id(),
                result.source(),
                result.name(),
                result.restricted(),
                result.restrictedReasons(),
                result.routing());
    }
}
