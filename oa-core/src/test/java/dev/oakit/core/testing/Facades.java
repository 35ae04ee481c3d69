package dev.oakit.core.testing;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import org.apiguardian.api.API;

/**
 * The naming rule for implementations (docs/architecture.md, Conventions): a class that implements
 * a host facade (an {@code @API} interface of a module's API, not its SPI) is a {@code ...Service}.
 */
public final class Facades {
    private Facades() {
    }

    /** @return classes implementing an {@code @API} interface of {@code dev.oakit} that is not in an {@code spi} package */
    public static DescribedPredicate<JavaClass> implementAHostFacade() {
        return DescribedPredicate.describe("implement a host facade", c -> !c.isInterface() && c.getAllRawInterfaces().stream()
                .anyMatch(i -> i.isAnnotatedWith(API.class) && i.getPackageName().startsWith("dev.oakit.")
                        && !i.getPackageName().contains(".spi") && !i.getPackageName().contains(".internal")
                        && !i.getName().equals("dev.oakit.core.OaKit")));
    }
}
