/** The embedded sentence-embedding engine (LangChain4j in-process model). */
@NullMarked
package io.aibatch.engine.embed;

import org.jspecify.annotations.NullMarked;
