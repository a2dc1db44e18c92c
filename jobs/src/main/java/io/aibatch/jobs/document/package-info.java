/** The shipped document-pipeline job: its pipeline, options and configuration. */
@NullMarked
package io.aibatch.jobs.document;

import org.jspecify.annotations.NullMarked;
