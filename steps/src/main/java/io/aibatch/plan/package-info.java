/** Run planning: listing the source into a manifest and cutting it into slices. */
@NullMarked
package io.aibatch.plan;

import org.jspecify.annotations.NullMarked;
