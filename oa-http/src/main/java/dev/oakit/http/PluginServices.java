package dev.oakit.http;

import dev.oakit.core.CoreErrors;
import dev.oakit.core.OaException;
import dev.oakit.core.OaKit;
import java.util.Optional;

/** Looks up a plugin's service that may be absent: the API and the pages come with the plugins a host installed. */
final class PluginServices {
    private PluginServices() {
    }

    static <T> Optional<T> find(OaKit oa, Class<T> type) {
        try {
            return Optional.of(oa.service(type));
        } catch (OaException e) {
            if (e.code().equals(CoreErrors.NO_SUCH_SERVICE)) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
