package org.shardjdbc.driver.jdbc;

import java.sql.SQLException;

/** {@link java.sql.Wrapper#unwrap} for the driver's own objects, which wrap nothing but themselves. */
final class Wrappers {
  private Wrappers() {}

  static <T> T unwrap(Object self, Class<T> iface) throws SQLException {
    if (iface.isInstance(self)) {
      return iface.cast(self);
    }
    throw new SQLException(self.getClass().getSimpleName() + " is not a wrapper for " + iface.getName(), "S1009");
  }
}
