package io.aibatch.engine.ocr;

import io.aibatch.engine.Engine;
import java.util.concurrent.CompletableFuture;

/** An OCR service reached over the network that takes a whole document (image or PDF) in one call. */
public interface RemoteOcrEngine extends Engine {

    /**
     * @param content   the document's bytes
     * @param mediaType its detected media type, e.g. application/pdf
     * @return the text, or a future failed with a {@link io.aibatch.engine.BackendException}
     */
    CompletableFuture<OcrDocument> recognize(byte[] content, String mediaType);
}
