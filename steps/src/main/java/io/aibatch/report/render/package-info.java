/** Renders run reports and comparisons as Markdown and HTML documents with SVG charts. */
@NullMarked
package io.aibatch.report.render;

import org.jspecify.annotations.NullMarked;
