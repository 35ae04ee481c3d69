package dev.oakit.http.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Strong ETags of JSON bodies: a hash of the bytes sent, so any change of what the caller sees changes the tag. */
final class ETags {
    private ETags() {
    }

    static String of(Object body) {
        try {
            return of(Json.MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String of(byte[] bytes) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(h, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return true if a comma-separated {@code If-Match} / {@code If-None-Match} list names the tag or {@code *} */
    static boolean matches(String header, String etag) {
        for (String t : header.split(",")) {
            String s = t.strip();
            if (s.equals("*") || s.equals(etag) || s.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }
}
