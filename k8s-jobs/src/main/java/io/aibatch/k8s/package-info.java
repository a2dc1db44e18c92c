/** Kubernetes objects of a run: Indexed Jobs, CronJobs and their labels, built with fabric8. */
@NullMarked
package io.aibatch.k8s;

import org.jspecify.annotations.NullMarked;
