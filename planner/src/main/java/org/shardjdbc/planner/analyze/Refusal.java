package org.shardjdbc.planner.analyze;

/** Why a statement cannot be answered on several shards; becomes a SQLFeatureNotSupportedException when it must. */
final class Refusal extends Exception {
  Refusal(String message) {
    super(message, null, false, false);
  }
}
