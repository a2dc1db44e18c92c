/** The simulated OCR endpoints. */
@NullMarked
package io.aibatch.simulator.ocr;

import org.jspecify.annotations.NullMarked;
