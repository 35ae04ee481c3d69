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
    public static Loader classPathWithout(Predicate<String> excluded) {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        URL[] urls = Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !excluded.test(entry.replace(File.separatorChar, '/')))
                .map(IsolatedBuild::url)
                .toArray(URL[]::new);
        return new Loader(urls);
    }

    /**
     * @return a loader over the whole test class path: OAKit and its libraries as a freshly started host sees them,
     *     their static state (JVM-wide caches, the background preparation) not yet touched by other tests
     */
    public static Loader freshClassPath() {
        return classPathWithout(entry -> false);
    }

    /** A loader over class-path entries that remembers every class it loaded itself (not the JDK's). */
    public static final class Loader extends URLClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final java.util.Queue<String> loaded = new java.util.concurrent.ConcurrentLinkedQueue<>();

        Loader(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            Class<?> c = super.findClass(name);
            loaded.add(name);
            return c;
        }

        /** @return the names of the classes this loader loaded from the class path so far, in order */
        public java.util.List<String> loaded() {
            return java.util.List.copyOf(loaded);
        }

        /**
         * Creates the named {@link java.util.concurrent.Callable} in this loader (its public no-argument constructor)
         * and calls it: code of the test's class path that runs against this loader's OAKit, with no reflection.
         */
        @SuppressWarnings("unchecked")
        public <T> T call(String callableClass) throws Exception {
            Class<?> c = Class.forName(callableClass, true, this);
            java.lang.reflect.Constructor<?> constructor = c.getDeclaredConstructor();
            constructor.setAccessible(true);
            return ((java.util.concurrent.Callable<T>) constructor.newInstance()).call();
        }
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
