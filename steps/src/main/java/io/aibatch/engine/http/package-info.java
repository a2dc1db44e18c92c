/** Shared HTTP plumbing of the engines that call a backend over HTTP: request bodies and failure mapping. */
@NullMarked
package io.aibatch.engine.http;

import org.jspecify.annotations.NullMarked;
