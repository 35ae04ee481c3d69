package dev.oakit.spring.internal;

import dev.oakit.core.OaKit;
import dev.oakit.core.OaKitBuilder;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.spring.OaKitProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Makes OAKit's services beans before any bean is created, so that hosts inject them anywhere.
 * Which services there are depends on the plugins' {@code configure}, and the plugin beans must not
 * be created this early (they would miss their injection): a probe builds OAKit (no I/O) with the
 * {@code oakit.*} settings and a throwaway instance of each plugin bean's class that has a public
 * no-argument constructor, and each
 * service it exposes becomes a bean that asks the real {@link OaKit} for it. A service the probe could
 * not see (a plugin without such a constructor) is registered when the real OAKit is built
 * ({@link #registerLate}), in time for the beans created after it.
 */
public final class ServiceBeans implements BeanDefinitionRegistryPostProcessor, EnvironmentAware {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceBeans.class);
    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        if (!(registry instanceof ConfigurableListableBeanFactory factory)) {
            return;
        }
        for (Class<?> type : probe(factory)) {
            if (factory.getBeanNamesForType(type, true, false).length > 0) {
                continue; // the host defined its own bean of this type
            }
            registry.registerBeanDefinition(type.getName(), definition(factory, type));
        }
    }

    private static <T> RootBeanDefinition definition(ConfigurableListableBeanFactory factory, Class<T> type) {
        return new RootBeanDefinition(type, () -> factory.getBean(OaKit.class).service(type));
    }

    private Set<Class<?>> probe(ConfigurableListableBeanFactory factory) {
        List<OaPlugin> plugins = new ArrayList<>();
        for (String name : factory.getBeanNamesForType(OaPlugin.class, true, false)) {
            Class<?> type = factory.getType(name, false);
            OaPlugin probe = type == null ? null : instantiate(type);
            if (probe != null) {
                plugins.add(probe);
            }
        }
        OaPlugin[] probes = plugins.toArray(OaPlugin[]::new);
        // with the settings first (a plugin may need its configuration); a setting OAKit refuses must not hide
        // the plugins' services (the real build reports it, naming the property); last, core's services alone
        OaKitBuilder configured = withSettings(OaKit.builder());
        Set<Class<?>> found = configured == null ? null : servicesOf(configured.plugins(probes));
        if (found == null) {
            found = servicesOf(OaKit.builder().plugins(probes));
        }
        if (found == null) {
            found = servicesOf(OaKit.builder());
        }
        return found == null ? Set.of() : found;
    }

    /** @return the services of what the builder builds, or null when it does not build (the real build reports why) */
    private static Set<Class<?>> servicesOf(OaKitBuilder b) {
        try (OaKit oa = b.build()) {
            return oa.services();
        } catch (RuntimeException e) {
            LOG.debug("probing OAKit's services failed; the plugins' services become beans when OAKit is built", e);
            return null;
        }
    }

    /** @return the builder with the application's {@code oakit.*} settings, or null when they do not bind */
    private OaKitBuilder withSettings(OaKitBuilder b) {
        try {
            OaKitProperties p = Binder.get(environment).bindOrCreate("oakit", OaKitProperties.class);
            b.discoverPlugins(p.isDiscoverPlugins());
            CoreSettings.apply(p, b);
            return b;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static OaPlugin instantiate(Class<?> type) {
        if (!OaPlugin.class.isAssignableFrom(type) || Modifier.isAbstract(type.getModifiers())) {
            return null;
        }
        try {
            Constructor<?> c = type.getConstructor();
            return (OaPlugin) c.newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory factory) {
        // nothing: the definitions are registered above
    }

    /** Registers the services of the real OAKit that have no bean yet (the probe could not see them). */
    public static void registerLate(ConfigurableListableBeanFactory factory, OaKit oa) {
        for (Class<?> type : oa.services()) {
            if (factory.getBeanNamesForType(type, true, false).length == 0 && !factory.containsBean(type.getName())) {
                factory.registerSingleton(type.getName(), oa.service(type));
            }
        }
    }
}
