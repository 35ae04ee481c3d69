package dev.oakit.examples.rooms;

import java.time.Duration;
import java.util.List;

/**
 * Configuration of the rooms plugin, from the {@code rooms} namespace.
 *
 * @param rooms bookable rooms
 * @param remindBefore how long before a booking its owner is reminded
 */
public record RoomsConfig(List<String> rooms, Duration remindBefore) {
    public RoomsConfig {
        rooms = rooms == null ? List.of("Lotus", "Bamboo", "Plum") : List.copyOf(rooms);
        remindBefore = remindBefore == null ? Duration.ofMinutes(15) : remindBefore;
    }
}
