package io.aibatch.jobs.document.enrich;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.aibatch.document.DocumentResult;
import io.aibatch.routing.EngineUse;
import io.aibatch.routing.Routed;
import java.util.List;

/**
 * One line of the document pipeline's results: the OCR result's fields, then what enrichment added.
 *
 * @param category          the classifier's label, or null when it could not decide
 * @param categoryScore     the classifier's confidence in [0,1]
 * @param restricted        true when the document must not leave the cluster
 * @param restrictedReasons why, e.g. {@code ["label:medical-referral","medicare"]}
 * @param summaryEngine     the engine that wrote {@code summary}
 * @param routing           every engine that saw the content, with its locality and purpose
 * @param sourceEtag        the version of the source that was read, as in {@link DocumentResult#sourceEtag()}
 */
public record EnrichedDocumentResult(
        String id,
        String source,
        String name,
        String contentType,
        int pages,
        String text,
        String engine,
        List<DocumentResult.PageDetail> pageDetails,
        String pipelineVersion,
        long elapsedMs,
        String category,
        double categoryScore,
        boolean restricted,
        List<String> restrictedReasons,
        String summary,
        String summaryEngine,
        List<EngineUse> routing,
        @JsonInclude(JsonInclude.Include.NON_NULL) String sourceEtag)
        implements Routed {}
