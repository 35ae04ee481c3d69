package dev.oakit.core.testing;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code OaKit.builder()...build()} in a class loader made of the test's class path without some jars, for tests of
 * what a host without an optional dependency sees. Everything is reached by reflection, since the loader's classes
 * are not the test's.
 */
public final class IsolatedBuild {
    private IsolatedBuild() {
    }

    /**
     * @param excluded true for the class-path entries (paths with '/') to leave out
     * @return a loader over the rest of the test's class path, parented by the platform loader; the caller closes it
     */
    public static URLClassLoader classPathWithout(Predicate<String> excluded) {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        URL[] urls = Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !excluded.test(entry.replace(File.separatorChar, '/')))
                .map(IsolatedBuild::url)
                .toArray(URL[]::new);
        return new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
    }

    /**
     * Builds (and closes) OAKit on an embedded database under {@code dir} in {@code loader}.
     *
     * @param coreConfig the {@code core} configuration, empty for none
     * @param pluginClasses plugins' class names, each created with its public no-argument constructor
     * @return null when build() succeeded, else what it threw
     */
    public static Throwable build(ClassLoader loader, Path dir, Map<String, Object> coreConfig, String... pluginClasses)
            throws ReflectiveOperationException {
        Class<?> oaKit = Class.forName("dev.oakit.core.OaKit", true, loader);
        Object builder = oaKit.getMethod("builder").invoke(null);
        Class<?> settings = builder.getClass().getSuperclass();
        settings.getMethod("dataDirectory", Path.class).invoke(builder, dir);
        if (!coreConfig.isEmpty()) {
            settings.getMethod("config", String.class, Object.class).invoke(builder, "core", coreConfig);
        }
        Method plugin = settings.getMethod("plugin", loader.loadClass("dev.oakit.core.spi.OaPlugin"));
        for (String p : pluginClasses) {
            plugin.invoke(builder, loader.loadClass(p).getConstructor().newInstance());
        }
        try {
            Object kit = builder.getClass().getMethod("build").invoke(builder);
            kit.getClass().getMethod("close").invoke(kit);
            return null;
        } catch (InvocationTargetException e) {
            return e.getCause();
        }
    }

    private static URL url(String entry) {
        try {
            return Path.of(entry).toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
