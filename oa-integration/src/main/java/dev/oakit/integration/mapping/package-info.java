/**
 * Field mappings as data: a versioned YAML or JSON document maps a local document (a form's values,
 * say) to a remote system's payload and back, through declared transforms (dates and time zones,
 * enums, units, money with exact decimals, constants, defaults, nested paths and lists of lines).
 * {@link dev.oakit.integration.mapping.FieldMapping} is pure; {@link dev.oakit.integration.mapping.Mappings}
 * is the host service that registers versions and quarantines a mapping the remote's metadata no
 * longer fits.
 */
package dev.oakit.integration.mapping;
