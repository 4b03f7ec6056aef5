/**
 * The logical database's catalogue at run time: its name, and the physical statements of SHOW statements and
 * information_schema queries ({@link org.shardjdbc.driver.catalog.LogicalCatalog}).
 */
package org.shardjdbc.driver.catalog;
