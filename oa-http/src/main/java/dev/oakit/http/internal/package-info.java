/** Implementation of oa-http (routing, JSON, problem details, OpenAPI); no compatibility promise. */
package dev.oakit.http.internal;
