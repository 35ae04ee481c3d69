package dev.oakit.examples.rooms;

import com.google.inject.AbstractModule;
import dev.oakit.core.notify.NotificationTemplate;
import dev.oakit.core.spi.OaPlugin;
import dev.oakit.core.spi.OaPluginContext;

/**
 * A vendor plugin written only against OAKit's SPI: meeting-room booking with its own table,
 * typed config, a public service, a durable reminder job and an event listener.
 */
public final class RoomsPlugin implements OaPlugin {
    @Override
    public String id() {
        return "rooms";
    }

    @Override
    public void configure(OaPluginContext context) {
        context.config(RoomsConfig.class);
        context.migrations("classpath:dev/oakit/examples/rooms/db/migration");
        context.install(new AbstractModule() {
            @Override
            protected void configure() {
                bind(Rooms.class);
            }
        });
        context.exposeService(Rooms.class);
        context.jobHandler(ReminderJob.class);
        context.eventListener(new BookingLog());
        context.extension(NotificationTemplate.class, NotificationTemplate.of("rooms.booked", "zh-CN",
                "会议室预订成功：{{room}}", "{{user}}，您已预订会议室 {{room}}，开始时间 {{start}}。"));
        context.extension(NotificationTemplate.class, NotificationTemplate.of("rooms.booked", "en",
                "Room booked: {{room}}", "{{user}}, you booked {{room}} starting {{start}}."));
    }
}
