/** OCR engines: embedded Tesseract and remote OCR backends. */
@NullMarked
package io.aibatch.engine.ocr;

import org.jspecify.annotations.NullMarked;
