/** The shared JSON mapper configuration. */
@NullMarked
package io.aibatch.json;

import org.jspecify.annotations.NullMarked;
