package dev.oakit.core;

import java.net.URI;

/**
 * The one rule for showing a configured URL: webhook and robot URLs carry tokens in their path,
 * query or user info, so only scheme, host and port are ever shown ({@code https://host:8443/***}).
 */
final class SafeUrls {
    private SafeUrls() {
    }

    /** @return scheme, host and port followed by {@code /***}; {@code ***} when the URL does not parse */
    static String redact(String url) {
        try {
            URI u = new URI(url);
            if (u.getScheme() == null || u.getHost() == null) {
                return "***";
            }
            return u.getScheme() + "://" + u.getHost() + (u.getPort() == -1 ? "" : ":" + u.getPort()) + "/***";
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return "***";
        }
    }
}
