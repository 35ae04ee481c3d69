/**
 * How the starter wires OAKit into Spring: transactions, lifecycle, service beans, property mapping.
 * No compatibility promise.
 */
package dev.oakit.spring.internal;
