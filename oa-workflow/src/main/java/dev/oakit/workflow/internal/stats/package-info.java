/** Handling statistics computed in SQL. */
package dev.oakit.workflow.internal.stats;
