/** Detectors of sensitive content (identifiers) that drive restricted routing. */
@NullMarked
package io.aibatch.routing.detect;

import org.jspecify.annotations.NullMarked;
