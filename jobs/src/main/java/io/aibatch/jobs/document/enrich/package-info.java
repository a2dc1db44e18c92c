/** The document-pipeline job's enrichment stage: classification, restricted check, summary and routing added to an OCR result. */
@NullMarked
package io.aibatch.jobs.document.enrich;

import org.jspecify.annotations.NullMarked;
