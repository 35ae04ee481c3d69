package dev.oakit.core.testing;

import com.google.inject.Binding;
import com.google.inject.Injector;
import com.google.inject.spi.ConstructorBinding;
import com.google.inject.spi.ProviderInstanceBinding;
import com.google.inject.spi.ProvidesMethodBinding;

import java.lang.reflect.Member;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What Guice 7 makes of OAKit's own classes while it builds an injector: for every constructor and {@code @Provides}
 * method it calls that is not private it generates and defines a {@code $$FastClassByGuice$$} class (bytecode written,
 * defined and loaded in {@code build()}, for objects mostly constructed once); a private one it calls by reflection.
 * The injector's bindings, its own and the just-in-time ones of it and its parents, name them all.
 */
public final class GuiceConstruction {
    private GuiceConstruction() {
    }

    /** What Guice constructs or calls in an injector: the members, and how many. */
    public record Members(Set<String> notPrivate, int constructors, int providerMethods) {
    }

    /**
     * @param injector OAKit's private injector
     * @param prefix the classes looked at: those whose names start with it
     * @return the constructors and provider methods Guice calls in classes of {@code prefix}, the non-private ones named
     */
    public static Members of(Injector injector, String prefix) {
        Set<String> notPrivate = new TreeSet<>();
        List<Member> all = new ArrayList<>();
        for (Injector i = injector; i != null; i = i.getParent()) {
            for (Binding<?> b : i.getAllBindings().values()) {
                if (b instanceof ConstructorBinding<?> c) {
                    all.add(c.getConstructor().getMember());
                } else if (b instanceof ProviderInstanceBinding<?> p && p.getUserSuppliedProvider() instanceof ProvidesMethodBinding<?> m) {
                    all.add(m.getMethod());
                }
            }
        }
        int constructors = 0;
        int methods = 0;
        for (Member m : all) {
            if (!m.getDeclaringClass().getName().startsWith(prefix)) {
                continue;
            }
            if (m instanceof java.lang.reflect.Constructor<?>) {
                constructors++;
            } else {
                methods++;
            }
            if (!Modifier.isPrivate(m.getModifiers())) {
                notPrivate.add(m.getDeclaringClass().getName() + (m instanceof java.lang.reflect.Method ? "." + m.getName() + "()" : "()"));
            }
        }
        return new Members(notPrivate, constructors, methods);
    }
}
