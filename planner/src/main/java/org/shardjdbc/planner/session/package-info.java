/**
 * Statements that act on the logical session instead of a table: transaction control ({@code BEGIN},
 * {@code COMMIT}, savepoints), {@code SET} and {@code USE}, read into {@link org.shardjdbc.planner.session.SessionCommand}
 * values; and the statements that would leave state behind in a pooled physical connection, refused.
 */
package org.shardjdbc.planner.session;
