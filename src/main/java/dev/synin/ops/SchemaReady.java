package dev.synin.ops;

/** Fired by {@link DatabaseBootstrap} once the migrations ran: the moment to seed data, whenever PostgreSQL came up. */
public record SchemaReady() {
}
