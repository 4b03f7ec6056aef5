/**
 * The logical catalogue: SHOW statements and information_schema queries recognised
 * ({@link org.shardjdbc.planner.catalog.CatalogStatements}) and turned into physical SQL that shows logical tables only
 * ({@link org.shardjdbc.planner.catalog.CatalogSql}).
 */
package org.shardjdbc.planner.catalog;
