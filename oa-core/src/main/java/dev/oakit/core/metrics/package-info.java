/** The optional Micrometer binding: {@link dev.oakit.core.metrics.MetricsPlugin}. Needs micrometer-core on the class path. */
package dev.oakit.core.metrics;
