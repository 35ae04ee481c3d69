/** Micrometer meters and observations of commands, jobs and the contributed gauges. Loaded only when MetricsPlugin is installed. */
package dev.oakit.core.internal.metrics;
