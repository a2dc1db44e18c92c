/** Output stores: local and Blob locations where results, manifests and reports are written. */
@NullMarked
package io.aibatch.store;

import org.jspecify.annotations.NullMarked;
