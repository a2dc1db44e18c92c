/** Generator of sample documents and audio with known ground truth. */
@NullMarked
package io.aibatch.devtools.sampledata;

import org.jspecify.annotations.NullMarked;
