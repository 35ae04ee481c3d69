/**
 * OAKit over HTTP for host applications: {@link dev.oakit.http.OaHttpServlet} (a Jakarta servlet a host
 * mounts under a path), {@link dev.oakit.http.OaHttpServer} (the same servlet on an embedded server),
 * {@link dev.oakit.http.JwtActorResolver} (OIDC/JWT bearer tokens) and the error codes of the HTTP layer.
 */
package dev.oakit.http;
