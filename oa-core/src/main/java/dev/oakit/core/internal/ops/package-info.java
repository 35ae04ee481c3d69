/** Health check and core's operational gauges. */
package dev.oakit.core.internal.ops;
