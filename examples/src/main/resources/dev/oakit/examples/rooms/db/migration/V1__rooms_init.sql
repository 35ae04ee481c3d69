-- Meeting-room booking: a vendor plugin's own table, migrated with its own history table.
CREATE TABLE oa_rooms_booking (
    id          ${id},
    tenant_id   VARCHAR(64)  NOT NULL,
    room        VARCHAR(64)  NOT NULL,
    booked_by   VARCHAR(64)  NOT NULL,
    starts_at   ${ts}        NOT NULL,
    ends_at     ${ts}        NOT NULL,
    reminded    ${bool}      NOT NULL
);
CREATE INDEX oa_rooms_booking_room ON oa_rooms_booking (tenant_id, room, starts_at);
