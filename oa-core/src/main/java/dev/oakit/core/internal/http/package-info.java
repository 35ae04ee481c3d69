/** Outgoing HTTP calls of the kernel, bounded in time and size. */
package dev.oakit.core.internal.http;
