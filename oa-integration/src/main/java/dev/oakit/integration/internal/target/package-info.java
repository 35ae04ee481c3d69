/** What stands between OAKit and a remote target: a circuit breaker per target (Resilience4j) and a request budget shared by all nodes. */
package dev.oakit.integration.internal.target;
