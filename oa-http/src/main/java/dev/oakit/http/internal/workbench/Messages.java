package dev.oakit.http.internal.workbench;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The workbench's languages: Chinese and English, from {@code messages_zh.properties} and
 * {@code messages_en.properties} (UTF-8). The user's choice (cookie {@code oa_lang}) wins, then the browser's
 * {@code Accept-Language}, then English.
 */
final class Messages {
    static final String BUNDLE = "dev.oakit.http.internal.workbench.messages";
    private static final ResourceBundle.Control NO_FALLBACK = ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private Messages() {
    }

    static Locale locale(HttpServletRequest req) {
        String chosen = Cookies.get(req, WorkbenchApp.LANG_COOKIE);
        if ("zh".equals(chosen) || "en".equals(chosen)) {
            return Locale.forLanguageTag(chosen);
        }
        if (req.getHeader("Accept-Language") != null) {
            Enumeration<Locale> locales = req.getLocales();
            while (locales.hasMoreElements()) {
                String lang = locales.nextElement().getLanguage();
                if (lang.equals("zh") || lang.equals("en")) {
                    return Locale.forLanguageTag(lang);
                }
            }
        }
        return Locale.ENGLISH;
    }

    static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, locale, Messages.class.getClassLoader(), NO_FALLBACK);
    }
}
