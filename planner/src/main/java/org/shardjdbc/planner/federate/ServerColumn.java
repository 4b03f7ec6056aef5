package org.shardjdbc.planner.federate;

import java.util.Objects;

/**
 * A column or expression as a MySQL server types it (its result metadata), which federation types it by.
 *
 * @param name the column's name or the expression's label
 * @param jdbcType the {@link java.sql.Types} code
 * @param typeName the server's type name ({@code BIGINT UNSIGNED}, {@code DECIMAL}, {@code VARCHAR}, …)
 * @param precision digits of a number, characters of a string
 * @param scale digits after the point, or fractional seconds
 * @param nullable whether it may be NULL
 */
public record ServerColumn(String name, int jdbcType, String typeName, int precision, int scale, boolean nullable) {
  public ServerColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(typeName, "typeName");
  }
}
