/**
 * The logical connection's session: autocommit, isolation level, read-only mode and session variables, carried to
 * every physical connection it uses and taken off again before that connection returns to its pool.
 */
package org.shardjdbc.driver.session;
