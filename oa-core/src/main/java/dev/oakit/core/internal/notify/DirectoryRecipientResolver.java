package dev.oakit.core.internal.notify;

import dev.oakit.core.directory.User;
import dev.oakit.core.spi.AddressKind;
import dev.oakit.core.spi.DirectoryProvider;
import dev.oakit.core.spi.RecipientResolver;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * The default {@link RecipientResolver}: the e-mail address or mobile number of the user in the
 * organisation directory, through the {@link DirectoryProvider} (so a host that replaced the
 * directory with its own user tables or LDAP also supplies the addresses). Inactive users get
 * nothing.
 */
@Singleton
public final class DirectoryRecipientResolver implements RecipientResolver {
    private final DirectoryProvider directory;

    @Inject
    private DirectoryRecipientResolver(DirectoryProvider directory) {
        this.directory = directory;
    }

    @Override
    public Optional<String> address(String tenantId, String userId, AddressKind kind) {
        Optional<User> user = directory.findUser(tenantId, userId).filter(User::active);
        return switch (kind) {
            case EMAIL -> user.map(User::email).filter(s -> !s.isBlank());
            case MOBILE -> user.map(User::mobile).filter(s -> !s.isBlank());
            default -> Optional.empty();
        };
    }
}
