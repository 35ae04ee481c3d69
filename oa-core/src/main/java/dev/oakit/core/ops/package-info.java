/** Operations: OAKit's health check for hosts' probes. */
package dev.oakit.core.ops;
