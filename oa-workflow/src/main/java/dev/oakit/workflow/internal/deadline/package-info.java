/** Deadlines in working time and the timeout ladder's durable jobs. */
package dev.oakit.workflow.internal.deadline;
