/** Out-of-office proxies (委托), absences and the handover of a leaving user's work. */
package dev.oakit.workflow.internal.proxy;
