/** Extension points of oa-http: how a host's request becomes an {@link dev.oakit.core.Actor}. */
package dev.oakit.http.spi;
