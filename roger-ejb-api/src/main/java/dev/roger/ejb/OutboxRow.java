package dev.roger.ejb;

/** One row of the outbox: its id (the order jobs were written in), partition and JSON job body. */
record OutboxRow(long id, String partition, String body) {
}
