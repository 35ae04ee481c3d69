/** The implementation of oa-integration: repositories, the write worker, HTTP support; no compatibility promise. */
package dev.oakit.integration.internal;
