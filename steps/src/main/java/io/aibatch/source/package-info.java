/** Item sources: local directories and Blob containers, item content and selection of changed items. */
@NullMarked
package io.aibatch.source;

import org.jspecify.annotations.NullMarked;
