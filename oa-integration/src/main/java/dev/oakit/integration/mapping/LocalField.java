package dev.oakit.integration.mapping;

import java.util.Map;

/** A field of the local schema a mapping declares; {@code fields} for an object or a list of lines, else empty. */
record LocalField(FieldType type, boolean required, Map<String, LocalField> fields) {
}
