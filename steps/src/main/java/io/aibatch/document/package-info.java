/** Document building blocks: decoding PDFs and images into pages, document limits and the OCR item handler. */
@NullMarked
package io.aibatch.document;

import org.jspecify.annotations.NullMarked;
