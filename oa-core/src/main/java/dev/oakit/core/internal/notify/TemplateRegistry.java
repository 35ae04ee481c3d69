package dev.oakit.core.internal.notify;

import dev.oakit.core.ConfigurationException;
import dev.oakit.core.CoreConfig;
import dev.oakit.core.CoreErrors;
import dev.oakit.core.NotFoundException;
import dev.oakit.core.NotificationsConfig;
import dev.oakit.core.ValidationException;
import dev.oakit.core.notify.NotificationTemplate;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Templates by key and locale, from plugins and from the configured files, with locale fallback:
 * the exact tag (zh-CN), its language (zh), another region of the language (zh-TW for zh-CN), then the
 * same steps for the configured fallback locale (en).
 */
@Singleton
public final class TemplateRegistry {
    private final Map<String, Map<String, NotificationTemplate>> byKey;
    private final NotificationsConfig config;

    @Inject
    private TemplateRegistry(Set<NotificationTemplate> contributed, CoreConfig core) {
        this.config = core.notifications();
        List<String> problems = new ArrayList<>();
        List<NotificationTemplate> all = new ArrayList<>(contributed);
        for (String location : config.templates()) {
            try {
                all.addAll(NotificationTemplate.parse(read(location)));
            } catch (IOException e) {
                problems.add("core.notifications.templates: '" + location + "' cannot be read (" + e.getMessage() + ")");
            } catch (ValidationException e) {
                problems.add("core.notifications.templates: '" + location + "' is invalid: " + e.getMessage());
            }
        }
        Map<String, Map<String, NotificationTemplate>> map = new LinkedHashMap<>();
        for (NotificationTemplate t : all) {
            String tag = t.locale().toLanguageTag();
            if (map.computeIfAbsent(t.key(), k -> new LinkedHashMap<>()).putIfAbsent(tag, t) != null) {
                problems.add("notification template '" + t.key() + "' is defined twice for locale " + tag
                        + "; keep one (templates come from plugins and core.notifications.templates)");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        map.replaceAll((k, v) -> Map.copyOf(v));
        this.byKey = Map.copyOf(map);
    }

    private static String read(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String path = location.substring("classpath:".length()).replaceFirst("^/", "");
            ClassLoader cl = Thread.currentThread().getContextClassLoader() != null
                    ? Thread.currentThread().getContextClassLoader() : TemplateRegistry.class.getClassLoader();
            try (InputStream in = cl.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IOException("no such classpath resource");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return Files.readString(Path.of(location), StandardCharsets.UTF_8);
    }

    /**
     * @param locale wanted locale, or null for the default
     * @return the best template for the locale
     * @throws NotFoundException naming the key and the locales it has
     */
    public NotificationTemplate find(String key, Locale locale) {
        Map<String, NotificationTemplate> locales = byKey.get(key);
        if (locales == null) {
            throw new NotFoundException(CoreErrors.NO_SUCH_TEMPLATE, "notification template '" + key
                    + "' does not exist; register it from a plugin or in core.notifications.templates (known: "
                    + new java.util.TreeSet<>(byKey.keySet()) + ")");
        }
        Locale wanted = locale == null ? config.defaultLocaleValue() : locale;
        for (Locale l : List.of(wanted, config.fallbackLocaleValue())) {
            NotificationTemplate t = locales.get(l.toLanguageTag());
            if (t == null) {
                t = locales.get(l.getLanguage());
            }
            if (t == null) {
                // same language, other region (zh-TW asked, zh-CN known) reads better than another language
                t = locales.values().stream().filter(x -> x.locale().getLanguage().equals(l.getLanguage()))
                        .findFirst().orElse(null);
            }
            if (t != null) {
                return t;
            }
        }
        throw new NotFoundException(CoreErrors.NO_SUCH_TEMPLATE, "notification template '" + key + "' has no locale "
                + wanted.toLanguageTag() + " nor the fallback " + config.fallbackLocale() + " (it has " + locales.keySet()
                + "); add one of them");
    }
}
