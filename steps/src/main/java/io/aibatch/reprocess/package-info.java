/** Reprocessing: selecting dead-lettered or outdated items of an earlier run to process again. */
@NullMarked
package io.aibatch.reprocess;

import org.jspecify.annotations.NullMarked;
