package dev.oakit.core;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.oakit.core.spi.OaPlugin;
import org.apiguardian.api.API;

/**
 * Builds an {@link OaKit} for plain Java hosts. {@link #build()} validates everything (plugins,
 * requirements, configuration) and throws one {@link ConfigurationException} listing every
 * problem; it does no I/O. Not thread-safe; use once.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class OaKitBuilder extends OaKitSettings<OaKitBuilder> {
    OaKitBuilder() {
    }

    /** @return a validated, not yet started OAKit */
    public OaKit build() {
        OaKitModule module = new OaKitModule(settings());
        Injector injector;
        try {
            injector = Guice.createInjector(module);
        } catch (com.google.inject.CreationException | com.google.inject.ProvisionException e) {
            throw OaKitModule.unwrap(e);
        }
        return injector.getInstance(OaKit.class);
    }

    @Override
    OaKitBuilder self() {
        return this;
    }

    /** Convenience: {@code plugin(p)} for each. */
    public OaKitBuilder plugins(OaPlugin... plugins) {
        for (OaPlugin p : plugins) {
            plugin(p);
        }
        return this;
    }
}
