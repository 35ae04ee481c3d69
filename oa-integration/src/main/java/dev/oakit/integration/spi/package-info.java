/** Extension points for integrators: connectors to remote systems and their typed operations. */
package dev.oakit.integration.spi;
