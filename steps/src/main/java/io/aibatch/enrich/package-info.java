/** Document enrichment: classification, summary and routing added to an OCR result. */
@NullMarked
package io.aibatch.enrich;

import org.jspecify.annotations.NullMarked;
