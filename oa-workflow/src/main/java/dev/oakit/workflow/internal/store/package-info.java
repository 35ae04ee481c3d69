/**
 * The repositories: each owns every statement on its tables (instances, tasks and their pool
 * candidates, history, cc items, proxy rules, absences and handovers) and the rows they map to;
 * nothing else in the module writes those tables.
 */
package dev.oakit.workflow.internal.store;
