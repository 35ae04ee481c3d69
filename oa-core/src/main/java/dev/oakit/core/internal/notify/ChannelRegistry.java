package dev.oakit.core.internal.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oakit.core.ConfigurationException;
import dev.oakit.core.CoreConfig;
import dev.oakit.core.NotificationsConfig;
import dev.oakit.core.spi.NotificationChannel;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Every notification channel by id: the configured built-ins and those plugins contributed. */
@Singleton
public final class ChannelRegistry {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9._-]{0,63}");

    private final Map<String, NotificationChannel> byId;

    @Inject
    private ChannelRegistry(java.util.Set<NotificationChannel> contributed, CoreConfig core, ObjectMapper json, Clock clock) {
        NotificationsConfig config = core.notifications();
        List<String> problems = new ArrayList<>(config.problems());
        List<NotificationChannel> all = new ArrayList<>();
        if (problems.isEmpty()) {
            if (config.log()) {
                all.add(new LoggingChannel());
            }
            if (config.email() != null) {
                all.add(new EmailChannel(config.email()));
            }
            for (NotificationsConfig.Robot r : config.robots()) {
                all.add(RobotChannel.of(r, json, clock));
            }
        }
        all.addAll(contributed);
        Map<String, NotificationChannel> map = new TreeMap<>();
        for (NotificationChannel c : all) {
            String id = c.id();
            if (id == null || !ID.matcher(id).matches()) {
                problems.add("notification channel " + c.getClass().getName() + " has an invalid id '" + id
                        + "'; use lower-case letters, digits, '.', '_' and '-' (at most 64)");
            } else if (c.addressKind() == null) {
                problems.add("notification channel '" + id + "' (" + c.getClass().getName() + ") has no address kind");
            } else if (map.putIfAbsent(id, c) != null) {
                problems.add("two notification channels have the id '" + id + "' (" + map.get(id).getClass().getName()
                        + " and " + c.getClass().getName() + "); channel ids must be unique");
            }
        }
        if (problems.isEmpty()) {
            for (String d : config.defaultChannels()) {
                if (!map.containsKey(d)) {
                    problems.add("core.notifications.defaultChannels names '" + d + "', which is no channel (channels: "
                            + map.keySet() + ")");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        this.byId = Map.copyOf(map);
    }

    /** @return the channel with the id, if any */
    public Optional<NotificationChannel> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** @return sorted channel ids */
    public List<String> ids() {
        return List.copyOf(new TreeMap<>(byId).keySet());
    }
}
