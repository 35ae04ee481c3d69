/** Extension points for integrators: what a CRM connector offers beyond oa-integration's {@code Connector}. */
package dev.oakit.crm.spi;
