/** Extension points for integrators: what an ERP connector offers beyond oa-integration's {@code Connector}. */
package dev.oakit.erp.spi;
