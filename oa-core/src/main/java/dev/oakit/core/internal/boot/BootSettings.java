package dev.oakit.core.internal.boot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oakit.core.spi.OaPlugin;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** What a host configured through either door; {@code hostTransactions} may be null. */
public record BootSettings(DataSource dataSource, Path dataDirectory, Clock clock, List<OaPlugin> plugins,
                           boolean discoverPlugins, Map<String, JsonNode> config, List<String> problems,
                           List<dev.oakit.core.calendar.BusinessCalendar> calendars, List<dev.oakit.core.directory.Tenant> tenants,
                           dev.oakit.core.spi.HostTransactions hostTransactions) {
}
