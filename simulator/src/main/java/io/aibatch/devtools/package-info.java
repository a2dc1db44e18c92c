/** Developer tools entry point (simulate, generate-samples); not part of the production jar. */
@NullMarked
package io.aibatch.devtools;

import org.jspecify.annotations.NullMarked;
