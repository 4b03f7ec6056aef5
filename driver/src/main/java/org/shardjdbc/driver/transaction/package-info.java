/** Local transactions: one physical connection per data source touched, committed one after another. */
package org.shardjdbc.driver.transaction;
